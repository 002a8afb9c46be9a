#include "decode/layer.h"

#include <algorithm>
#include <cstring>

#include "decode/lines.h"

namespace leakhound::decode {

const char* Name(Encoding e) {
  switch (e) {
    case Encoding::kBase64:
      return "base64";
    case Encoding::kPercent:
      return "percent";
    case Encoding::kJsonEscape:
      return "json-escape";
    case Encoding::kHtmlEntity:
      return "html-entity";
    case Encoding::kHex:
      return "hex";
  }
  return "?";
}

namespace {

// The piece holding layer offset `at`, or the last piece before it (the
// '\n' joints belong to no piece); null when none is.
const Piece* PieceAt(const std::vector<Piece>& pieces, uint32_t at) {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), at,
                             [](uint32_t v, const Piece& p) { return v < p.out; });
  if (it == pieces.begin()) return nullptr;
  return &*(it - 1);
}

}  // namespace

Span Layer::MapBack(Span s) const {
  if (pieces.empty()) return s;
  const Piece* b = PieceAt(pieces, s.begin);
  if (!b) b = &pieces.front();
  const Piece* e = PieceAt(pieces, s.end > s.begin ? s.end - 1 : s.begin);
  if (!e) e = b;
  Span r;
  if (b->decoded || s.begin >= b->out + b->out_len) {
    r.begin = b->src;
  } else {
    r.begin = b->src + (s.begin - b->out);
  }
  uint32_t last = s.end > s.begin ? s.end - 1 : s.begin;
  if (e->decoded || last >= e->out + e->out_len) {
    r.end = e->src + e->src_len;
  } else {
    r.end = e->src + (last - e->out) + 1;
  }
  if (r.end < r.begin) r.end = r.begin;
  return r;
}

bool Layer::NearDecoded(Span s) const {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), s.begin,
                             [](uint32_t v, const Piece& p) { return v < p.out; });
  if (it != pieces.begin()) --it;
  if (it != pieces.begin()) --it;  // the piece ending right at s.begin
  for (; it != pieces.end() && it->out <= s.end; ++it) {
    if (it->decoded && it->out <= s.end && it->out + it->out_len >= s.begin) return true;
  }
  return false;
}

void Layer::AppendPlain(std::string_view src_all, uint32_t src, uint32_t len) {
  if (len == 0) return;
  uint32_t out = static_cast<uint32_t>(bytes.size());
  bytes.append(src_all.substr(src, len));
  if (!pieces.empty()) {
    Piece& p = pieces.back();
    if (!p.decoded && p.out + p.out_len == out && p.src + p.src_len == src) {
      p.out_len += len;
      p.src_len += len;
      return;
    }
  }
  pieces.push_back(Piece{out, len, src, len, false});
}

void Layer::AppendDecoded(std::string_view decoded, uint32_t src, uint32_t src_len) {
  uint32_t out = static_cast<uint32_t>(bytes.size());
  bytes.append(decoded);
  pieces.push_back(Piece{out, static_cast<uint32_t>(decoded.size()), src, src_len, true});
}

bool PrintableText(std::string_view s) {
  size_t high = 0;
  uint8_t control = 0;
  for (unsigned char c : s) {
    const uint8_t k = internal::kTextByte[c];
    control |= k;
    high += k & 1;
  }
  return !(control & 16) && high * 10 <= s.size();
}

namespace internal {

void AppendUtf8(uint32_t u, std::string* out) {
  if (u < 0x80) {
    *out += static_cast<char>(u);
  } else if (u < 0x800) {
    *out += static_cast<char>(0xC0 | (u >> 6));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    *out += static_cast<char>(0xE0 | (u >> 12));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (u >> 18));
    *out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  }
}

}  // namespace internal

Layer& TextDecoder::Next() {
  if (used_ == layers_.size()) layers_.emplace_back();
  Layer& l = layers_[used_];
  l.Clear();
  return l;
}

size_t TextDecoder::Decode(std::string_view data) {
  Wipe();
  if (data.size() >= UINT32_MAX) return 0;
  const internal::EscapeStarts first = internal::FirstEscapes(data);
  for (Encoding e : kEncodings) {
    Layer& l = Next();
    l.encoding = e;
    switch (e) {
      case Encoding::kBase64:
        DecodeBase64Lines(data, &l, &scratch_);
        break;
      case Encoding::kPercent:
        DecodePercentLines(data, &l, first.percent);
        break;
      case Encoding::kJsonEscape:
        DecodeJsonEscapeLines(data, &l, first.json);
        break;
      case Encoding::kHtmlEntity:
        DecodeHtmlEntityLines(data, &l, first.html);
        break;
      case Encoding::kHex:
        DecodeHexLines(data, &l, &scratch_);
        break;
    }
    if (!l.pieces.empty()) ++used_;
  }
  return used_;
}

void TextDecoder::Wipe() {
  for (size_t i = 0; i < used_; ++i) {
    Layer& l = layers_[i];
    if (!l.bytes.empty()) explicit_bzero(l.bytes.data(), l.bytes.size());
    l.Clear();
  }
  if (!scratch_.empty()) explicit_bzero(scratch_.data(), scratch_.size());
  scratch_.clear();
  used_ = 0;
}

}  // namespace leakhound::decode
