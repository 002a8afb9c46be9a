// Built into leakhound and leakhound_tests only with LEAKHOUND_SANITIZE: the
// LeakSanitizer suppressions for leaks inside third-party libraries, compiled
// in so they hold however the process is started (hooks run by git, tests
// that clear the environment). Each entry says why.
extern "C" const char* __lsan_default_suppressions() {
  // libgit2 1.5 (Debian 12) does not free the PCRE2 match data of a regex
  // search on every path (fixed upstream after 1.5.0, libgit2 pull request
  // 6382): every process that opens a repository leaks a little at exit.
  return "leak:libpcre2-8.so\n";
}
