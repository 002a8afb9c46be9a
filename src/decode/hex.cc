// Hex-encoded text ("6e706d5f...", "0x786f78...", `xxd -p` dumps): runs of at
// least kMinDigits hex digits that decode to printable text. Hashes, keys and
// ids decode to binary and are dropped at their first control byte, so the
// cost on ordinary text is the skipping run search.
#include <array>
#include <cstring>

#include "core/ascii.h"
#include "decode/layer.h"

namespace leakhound::decode {

namespace {

// 16 bytes of text: shorter tokens carry no format worth decoding for.
constexpr size_t kMinDigits = 32;

// HexValue (core/ascii.h) as a table: the run search tests every byte.
constexpr std::array<int8_t, 256> MakeHexTable() {
  std::array<int8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<int8_t>(HexValue(static_cast<char>(c)));
  return t;
}
constexpr std::array<int8_t, 256> kHex = MakeHexTable();

bool IsHex(char c) { return kHex[static_cast<unsigned char>(c)] >= 0; }

// End of the hex digits starting at `b`.
size_t RunEnd(std::string_view d, size_t b) {
  while (b < d.size() && IsHex(d[b])) ++b;
  return b;
}

// A line break ("\n" or "\r\n") at `at`: its length, else 0.
size_t BreakAt(std::string_view d, size_t at) {
  if (at < d.size() && d[at] == '\n') return 1;
  if (at + 1 < d.size() && d[at] == '\r' && d[at + 1] == '\n') return 2;
  return 0;
}

// Appends the bytes of the hex digits of [b, e) (line breaks skipped) to
// *out while they are text; false at the first byte that is not (a control
// byte other than tab/CR/LF, DEL, or a byte >= 0x80).
bool DecodeText(std::string_view d, size_t b, size_t e, std::string* out) {
  out->clear();
  int hi = -1;
  for (size_t i = b; i < e; ++i) {
    int v = kHex[static_cast<unsigned char>(d[i])];
    if (v < 0) continue;  // a line break inside a dump
    if (hi < 0) {
      hi = v;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(hi * 16 + v);
    hi = -1;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7f) return false;
    out->push_back(static_cast<char>(c));
  }
  return hi < 0;
}

// The next run of at least kMinDigits hex digits at or after `from`: a probe
// kMinDigits - 1 ahead that is not hex skips the whole window.
bool NextRun(std::string_view d, size_t from, size_t* b, size_t* e) {
  size_t i = from;
  while (i + kMinDigits <= d.size()) {
    size_t probe = i + kMinDigits - 1;
    if (!IsHex(d[probe])) {
      i = probe + 1;
      continue;
    }
    size_t s = probe;
    while (s > i && IsHex(d[s - 1])) --s;
    size_t end = RunEnd(d, probe);
    if (end - s >= kMinDigits) {
      *b = s;
      *e = end;
      return true;
    }
    i = end + 1;
  }
  return false;
}

// Extends a run that fills its line over the following lines that are hex
// digits only (an `xxd -p` or `od` dump split at 60 or 64 columns).
size_t ExtendDump(std::string_view d, size_t b, size_t e) {
  if (b != 0 && d[b - 1] != '\n') return e;
  for (;;) {
    size_t br = BreakAt(d, e);
    if (br == 0) return e;
    size_t next = RunEnd(d, e + br);
    if (next == e + br || (next < d.size() && !BreakAt(d, next))) return e;
    e = next;
  }
}

}  // namespace

void DecodeHexLines(std::string_view data, Layer* out, std::string* scratch) {
  size_t pos = 0, b = 0, e = 0;
  while (NextRun(data, pos, &b, &e)) {
    e = ExtendDump(data, b, e);
    size_t line = data.rfind('\n', b);
    line = line == std::string_view::npos ? 0 : line + 1;
    size_t line_end = data.find('\n', e);
    if (line_end == std::string_view::npos) line_end = data.size();
    if (line_end > 0 && data[line_end - 1] == '\r') --line_end;
    size_t bytes = out->bytes.size(), pieces = out->pieces.size();
    bool any = false;
    size_t copied = line;
    // Every run of this line (and of the dump it starts) is tried.
    for (;;) {
      size_t len = e - b;  // an odd run on one line: its first even part
      if (!std::memchr(data.data() + b, '\n', len)) len &= ~size_t{1};
      if (DecodeText(data, b, b + len, scratch) && !scratch->empty()) {
        // "0x786f..." (SQL, C): the prefix goes with the run, so the text
        // reads "xoxb-..." rather than "0xxoxb-...".
        size_t from =
            b >= copied + 2 && data[b - 2] == '0' && (data[b - 1] | 0x20) == 'x' ? b - 2 : b;
        out->AppendPlain(data, static_cast<uint32_t>(copied), static_cast<uint32_t>(from - copied));
        out->AppendDecoded(*scratch, static_cast<uint32_t>(from),
                           static_cast<uint32_t>(b + len - from));
        copied = b + len;
        any = true;
      }
      if (!NextRun(data, e, &b, &e) || b >= line_end) break;
    }
    if (any) {
      out->AppendPlain(data, static_cast<uint32_t>(copied),
                       static_cast<uint32_t>(line_end - copied));
      out->EndLine();
    } else {
      out->bytes.resize(bytes);
      out->pieces.resize(pieces);
    }
    pos = line_end + 1;
  }
  if (!scratch->empty()) explicit_bzero(scratch->data(), scratch->size());
}

}  // namespace leakhound::decode
