// Decoded layers of a text (the decode stage, between source and matcher):
// the lines of a blob that hold encoded runs (base64, percent-encoding,
// JSON/JS escapes, HTML entities, hex), copied with each run replaced by its
// decoded bytes, plus a piece map from every byte of the layer back to the
// bytes it came from. The matcher scans a layer like a blob; a finding's
// span maps back to the original file's bytes, hence its line and column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"

namespace leakhound::decode {

enum class Encoding : uint8_t { kBase64, kPercent, kJsonEscape, kHtmlEntity, kHex };
inline constexpr Encoding kEncodings[] = {Encoding::kBase64, Encoding::kPercent,
                                          Encoding::kJsonEscape, Encoding::kHtmlEntity,
                                          Encoding::kHex};

// "base64", "percent", "json-escape", "html-entity", "hex" (the report's `decoded`).
const char* Name(Encoding e);

// Layer bytes [out, out + out_len) come from source bytes [src, src + src_len).
// A plain piece is copied (out_len == src_len, offsets map one to one); a
// decoded piece maps as a whole.
struct Piece {
  uint32_t out = 0, out_len = 0, src = 0, src_len = 0;
  bool decoded = false;
};

struct Layer {
  Encoding encoding = Encoding::kBase64;
  std::string bytes;          // selected lines, rewritten, joined by '\n'
  std::vector<Piece> pieces;  // sorted by `out`; the '\n' joints belong to none

  void Clear() {
    bytes.clear();
    pieces.clear();
  }
  // The source span that `s` (a span of `bytes`) came from; a span touching a
  // decoded piece grows to cover that piece's whole encoded run.
  Span MapBack(Span s) const;
  // True when `s` overlaps a decoded piece or starts or ends right beside one
  // ("token%3Dghp_..." decodes to "token=ghp_...").
  bool NearDecoded(Span s) const;

  // Building (decoders): append copied source bytes, a decoded run, a joint.
  void AppendPlain(std::string_view src_all, uint32_t src, uint32_t len);
  void AppendDecoded(std::string_view decoded, uint32_t src, uint32_t src_len);
  void EndLine() { bytes += '\n'; }
};

// Builds the layers of one text. Reuse one per scan thread (its layers keep
// their buffers); not thread-safe. Cheap pre-checks (memchr/memmem for '%',
// '&', "\u", a skipping search for base64 runs) decide which decoders run.
class TextDecoder {
 public:
  // Fills layers() with one layer per encoding present in `data` (a layer is
  // built only when at least one run decodes to printable text). Returns the
  // number of layers built.
  size_t Decode(std::string_view data);
  size_t size() const { return used_; }
  // REQUIRES: i < size(). Valid until the next Decode or Wipe.
  const Layer& layer(size_t i) const { return layers_[i]; }
  // Overwrites the decoded bytes (they may hold secrets) and empties layers.
  void Wipe();

 private:
  std::vector<Layer> layers_;  // the first `used_` are valid
  size_t used_ = 0;
  std::string scratch_;
  Layer& Next();
};

// Each decoder appends to *out the lines of `data` holding at least one run
// of its encoding that decodes to text; `scratch` is reused. `first`: no
// escape is before it (npos: there is none; TextDecoder finds the first of
// each kind in one pass). Exposed for tests and fuzzing.
void DecodeBase64Lines(std::string_view data, Layer* out, std::string* scratch);
void DecodePercentLines(std::string_view data, Layer* out, size_t first = 0);
void DecodeJsonEscapeLines(std::string_view data, Layer* out, size_t first = 0);
void DecodeHtmlEntityLines(std::string_view data, Layer* out, size_t first = 0);
// Runs of at least 32 hex digits (and `xxd -p` dumps: whole lines of hex
// digits, joined) that decode to printable text (decode/hex.cc).
void DecodeHexLines(std::string_view data, Layer* out, std::string* scratch);

// The runs of base64 characters at least 12 long with their padding (the
// candidates DecodeBase64Lines tries to decode), in order. Exposed for tests.
std::vector<Span> Base64Runs(std::string_view data);

// Base64 (standard or URL-safe, padding optional) to bytes; false when `in`
// is not valid base64. Exposed for tests.
bool Base64Decode(std::string_view in, std::string* out);

// True when `s` is text worth scanning: no NUL or control bytes other than
// tab/CR/LF, at most 1 in 10 bytes outside printable ASCII.
bool PrintableText(std::string_view s);

}  // namespace leakhound::decode
