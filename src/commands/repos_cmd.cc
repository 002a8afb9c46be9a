#include "commands/repos_cmd.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "commands/output.h"
#include "core/atomic_file.h"
#include "remote/url.h"
#include "verify/curl_http_client.h"

namespace leakhound::commands {

int ReposList(const ReposOptions& o) {
  if (auto s = CheckOutputPath(o.output); !s) return ReportFatal(s.error());
  verify::CurlHttpClient http;
  auto sleep = [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  auto repos = remote::ListRepositories(o.request, http, sleep);
  if (!repos) {
    return ReportFatal(
        Error{repos.error().code, remote::RedactUrls(repos.error().message, o.request.token)});
  }
  std::string text;
  for (const remote::RepoEntry& e : *repos) text += remote::ManifestLine(e) + "\n";
  if (o.output.empty() || o.output == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) return ReportFatal(Error{ErrorCode::kIo, "stdout: write failed"});
  } else if (auto s = WriteFileAtomically(o.output, text, 0644); !s) {
    return ReportFatal(s.error());
  }
  if (!o.quiet) {
    std::fprintf(stderr, "leakhound: %zu repositories of %s\n", repos->size(),
                 o.request.owner.c_str());
  }
  return 0;
}

}  // namespace leakhound::commands
