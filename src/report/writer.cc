#include "report/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <ext/stdio_filebuf.h>
#include <new>

#include "core/atomic_file.h"
#include "report/internal.h"

namespace leakhound::report {

Result<Format> ParseFormat(const std::string& name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "sarif") return Format::kSarif;
  if (name == "gitlab") return Format::kGitlab;
  if (name == "html") return Format::kHtml;
  return Error::InvalidArgument("unknown format '" + name +
                                "' (expected text, json, jsonl, sarif, gitlab or html)");
}

namespace {

void Dispatch(Format format, const ReportData& data, std::ostream& out) {
  switch (format) {
    case Format::kText:
      internal::WriteText(data, out);
      return;
    case Format::kJson:
      internal::WriteJson(data, out);
      return;
    case Format::kJsonl:
      internal::WriteJsonl(data, out);
      return;
    case Format::kSarif:
      internal::WriteSarif(data, out);
      return;
    case Format::kGitlab:
      internal::WriteGitlab(data, out);
      return;
    case Format::kHtml:
      internal::WriteHtml(data, out);
      return;
  }
}

}  // namespace

Status Write(Format format, const ReportData& data, std::ostream& out) {
  static const std::vector<Finding> kNoFindings;
  ReportData d = data;
  if (d.findings == nullptr) d.findings = &kNoFindings;
  try {
    Dispatch(format, d, out);
    out.flush();
  } catch (const std::bad_alloc&) {
    return Error::Internal("writing report: out of memory");
  } catch (const std::exception& e) {
    return Error::Internal(std::string("writing report: ") + e.what());
  }
  if (!out) return Error::Io("writing report: output stream failed");
  return OkStatus();
}

Status WriteFile(Format format, const ReportData& data, const std::string& path) {
  auto file = AtomicFile::Create(path);
  if (!file) return file.error();
  int fd = ::dup(file->fd());  // the filebuf closes its own descriptor
  if (fd < 0) return Error::Io(path + ": " + std::strerror(errno));
  Status written = OkStatus();
  {
    __gnu_cxx::stdio_filebuf<char> buf(fd, std::ios::out);
    std::ostream out(&buf);
    written = Write(format, data, out);
  }
  if (!written) return Error{written.error().code, path + ": " + written.error().message};
  return file->Commit();
}

namespace internal {

std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

std::vector<const Finding*> Ordered(const ReportData& data) {
  std::vector<const Finding*> out;
  out.reserve(data.findings->size());
  for (const Finding& f : *data.findings) out.push_back(&f);
  std::stable_partition(out.begin(), out.end(),
                        [](const Finding* f) { return f->verify.verdict == Verdict::kLive; });
  return out;
}

const rules::Rule* RuleFor(const ReportData& data, const Finding& f) {
  if (data.rules == nullptr) return nullptr;
  if (f.rule_index < data.rules->size() && data.rules->at(f.rule_index).rule.id == f.rule_id) {
    return &data.rules->at(f.rule_index).rule;
  }
  int i = data.rules->Find(f.rule_id);
  return i < 0 ? nullptr : &data.rules->at(static_cast<size_t>(i)).rule;
}

std::string ShownSecret(const Finding& f, const ReportOptions& options) {
  if (options.redact || f.secret.empty()) return f.redacted;
  return std::string(f.secret.Reveal(SecretAccess::Key()));  // --no-redact only
}

std::vector<std::pair<std::string, std::string>> ShownCaptures(const Finding& f,
                                                               const ReportOptions& options) {
  std::vector<std::pair<std::string, std::string>> out;
  if (options.redact) return out;
  for (const auto& [name, value] : f.captures) {
    out.emplace_back(name, std::string(value.Reveal(SecretAccess::Key())));  // --no-redact only
  }
  return out;
}

}  // namespace internal
}  // namespace leakhound::report
