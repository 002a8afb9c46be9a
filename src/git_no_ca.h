// libgit2 without its CA bundle. git_libgit2_init() (libgit2 1.5 built with
// mbedTLS, as Debian ships it) parses the whole system CA bundle
// (/etc/ssl/certs/ca-certificates.crt, ~140 certificates) for its HTTPS
// transport: 3.5-7.5 ms of every process start, a sixth of the pre-commit
// budget. leakhound never uses libgit2's network transports (it reads local
// repositories; verification uses libcurl, which loads its own CA store), so
// git_no_ca.cc interposes the two mbedTLS functions libgit2 calls for it.
//
// git_no_ca.cc must be compiled into the executable itself (not a static
// library: nothing references it, so the archive member would be dropped),
// and the executable must export the two symbols (--export-dynamic-symbol),
// so the dynamic linker resolves libgit2's references to them before
// libmbedx509's. Only libgit2 links mbedTLS here (libcurl, libpq and
// libmariadb use OpenSSL), so nothing else is affected. Should leakhound ever
// use libgit2 over HTTPS, it fails closed: no CA is trusted, every
// certificate is rejected.
#pragma once

namespace leakhound::source {

// How many CA loads libgit2 attempted and this file skipped (for tests: it
// is 0 when the interposition is not in effect).
int SkippedCaBundleLoads();

}  // namespace leakhound::source
