#include "verify/template.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace leakhound::verify {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitPipes(std::string_view expr) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= expr.size(); ++i) {
    if (i == expr.size() || expr[i] == '|') {
      out.push_back(Trim(expr.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Result<std::string> ApplyFilter(std::string_view filter, std::string value) {
  std::string_view name = filter.substr(0, filter.find(':'));
  std::string_view arg =
      filter.find(':') == std::string_view::npos ? "" : filter.substr(filter.find(':') + 1);
  if (name == "base64") return Base64Encode(value);
  if (name == "urlencode") return PercentEncode(value);
  if (name == "json") return JsonEscape(value);
  if (name == "lower") {
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value;
  }
  if ((name == "after" || name == "before") && !arg.empty()) {
    size_t at = name == "after" ? value.rfind(arg) : value.find(arg);
    if (at == std::string::npos) return Error::NotFound("'" + std::string(arg) + "' not in value");
    return name == "after" ? value.substr(at + arg.size()) : value.substr(0, at);
  }
  return Error::InvalidArgument("unknown template filter '" + std::string(filter) + "'");
}

Result<std::string> Lookup(std::string_view var, const TemplateValues& v) {
  auto from = [&](const std::map<std::string, std::string>* m, std::string_view key,
                  const char* what) -> Result<std::string> {
    if (m != nullptr) {
      auto it = m->find(std::string(key));
      if (it != m->end()) return it->second;
    }
    return Error::NotFound(std::string("needs ") + what + " '" + std::string(key) +
                           "' (not found next to the secret)");
  };
  if (var == "secret") return std::string(v.secret);
  if (var.rfind("capture.", 0) == 0) return from(v.captures, var.substr(8), "capture");
  if (var.rfind("identity.", 0) == 0) return from(v.identity, var.substr(9), "identity field");
  return Error::InvalidArgument("unknown template variable '" + std::string(var) + "'");
}

Result<std::string> Expand(std::string_view expr, const TemplateValues& v, Escape escape) {
  auto parts = SplitPipes(expr);
  auto value = Lookup(parts[0], v);
  if (!value) return value.error();
  if (escape == Escape::kMask) return std::string("***");
  std::string s = std::move(*value);
  for (size_t i = 1; i < parts.size(); ++i) {
    auto f = ApplyFilter(parts[i], std::move(s));
    if (!f) return f.error();
    s = std::move(*f);
  }
  if (escape == Escape::kUrl) return PercentEncode(s, ":@");
  if (escape == Escape::kHost) {
    for (char c : s) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') {
        return Error::InvalidArgument("value is not a valid host name part");
      }
    }
    if (s.empty()) return Error::InvalidArgument("empty host name part");
  }
  return s;
}

}  // namespace

std::string Base64Encode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(data[i]) << 16) | (static_cast<uint8_t>(data[i + 1]) << 8) |
                 static_cast<uint8_t>(data[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(n >> s) & 63];
  }
  if (i < data.size()) {
    uint32_t n = static_cast<uint8_t>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<uint8_t>(data[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string PercentEncode(std::string_view data, std::string_view keep) {
  std::string out;
  for (unsigned char c : data) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Result<std::string> Render(std::string_view tmpl, const TemplateValues& values, Escape escape) {
  std::string out;
  size_t pos = 0;
  while (pos < tmpl.size()) {
    size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = tmpl.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Error::InvalidArgument("unterminated '{{' in template");
    }
    out.append(tmpl.substr(pos, open - pos));
    auto v = Expand(Trim(tmpl.substr(open + 2, close - open - 2)), values, escape);
    if (!v) return v.error();
    out += *v;
    pos = close + 2;
  }
  out.append(tmpl.substr(std::min(pos, tmpl.size())));
  return out;
}

std::map<std::string, int> Variables(std::string_view tmpl) {
  std::map<std::string, int> out;
  size_t pos = 0;
  while ((pos = tmpl.find("{{", pos)) != std::string_view::npos) {
    size_t close = tmpl.find("}}", pos + 2);
    if (close == std::string_view::npos) break;
    ++out[std::string(SplitPipes(tmpl.substr(pos + 2, close - pos - 2))[0])];
    pos = close + 2;
  }
  return out;
}

}  // namespace leakhound::verify
