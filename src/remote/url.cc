#include "remote/url.h"

#include <cstdio>

#include "core/ascii.h"
#include "core/fnv.h"

namespace leakhound::remote {

namespace {

bool SchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// Position just after "scheme://" when `s` starts with one, else npos.
size_t AuthorityStart(std::string_view s) {
  size_t sep = s.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::string_view::npos;
  for (size_t i = 0; i < sep; ++i) {
    if (!SchemeChar(s[i])) return std::string_view::npos;
  }
  return sep + 3;
}

}  // namespace

bool IsRemoteUrl(std::string_view address) {
  if (AuthorityStart(address) != std::string_view::npos) return true;
  // scp-like: [user@]host:path with no slash before the colon.
  size_t colon = address.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (address.substr(0, colon).find('/') != std::string_view::npos) return false;
  return colon + 1 < address.size();
}

SplitUrl SplitCredentials(std::string_view address) {
  SplitUrl out;
  size_t start = AuthorityStart(address);
  if (start == std::string_view::npos) {
    out.url = address;
    return out;
  }
  size_t end = address.find_first_of("/?#", start);
  if (end == std::string_view::npos) end = address.size();
  size_t at = address.substr(0, end).rfind('@');
  std::string url(address);
  if (at != std::string_view::npos && at >= start) {
    std::string_view info = address.substr(start, at - start);
    size_t colon = info.find(':');
    out.user = PercentDecode(info.substr(0, colon));
    if (colon != std::string_view::npos) out.password = PercentDecode(info.substr(colon + 1));
    url.erase(start, at + 1 - start);
  }
  size_t query = url.find_first_of("?#", start);
  if (query != std::string::npos) url.erase(query);
  out.url = std::move(url);
  return out;
}

std::string RedactUrls(std::string_view text, std::string_view secret) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t sep = text.find("://", i);
    if (sep == std::string_view::npos) break;
    size_t start = sep + 3;
    size_t end = start;
    while (end < text.size() && text[end] != '/' && text[end] != ' ' && text[end] != '\'' &&
           text[end] != '"' && text[end] != '\n' && text[end] != '\t') {
      ++end;
    }
    size_t at = text.substr(start, end - start).rfind('@');
    out.append(text.substr(i, start - i));
    if (at != std::string_view::npos) {
      out += "***@";
      i = start + at + 1;
    } else {
      i = start;
    }
  }
  out.append(text.substr(i));
  if (secret.size() >= 4) {
    for (size_t p = out.find(secret); p != std::string::npos; p = out.find(secret, p + 8)) {
      out.replace(p, secret.size(), "********");
    }
  }
  return out;
}

std::string CacheName(std::string_view clean_url) {
  std::string_view path = clean_url;
  while (!path.empty() && (path.back() == '/')) path.remove_suffix(1);
  size_t slash = path.find_last_of("/:");
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (last.size() > 4 && last.substr(last.size() - 4) == ".git") last.remove_suffix(4);
  std::string name;
  for (char c : last) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    name.push_back(ok ? c : '_');
  }
  if (name.size() > 64) name.resize(64);
  if (name.empty() || name[0] == '.') name.insert(name.begin(), 'r');
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(Fnv1a(clean_url)));
  return name + "-" + hex + ".git";
}

}  // namespace leakhound::remote
