// Bare mirrors of remote repositories in the cache directory, kept with the
// git command-line tool: `git clone --bare` the first time, `git fetch
// --prune` (branches and tags) on later runs. Never a partial clone: every
// blob is fetched, since every blob is scanned.
//
// Credentials: the URL's userinfo, else `token` (cli/ reads
// $LEAKHOUND_GIT_TOKEN), reach git through an inline credential helper that
// reads them from the child's environment, so they appear in no argv, no
// config file, no output. Without either, git's own credential helpers and
// ssh agent apply. Prompts are disabled (GIT_TERMINAL_PROMPT=0): a missing
// credential is an error, never a hang on a terminal.
#pragma once

#include <string>

#include "core/error.h"

namespace leakhound::remote {

struct MirrorRequest {
  std::string url;          // as the user wrote it (may hold userinfo)
  std::string cache_dir;    // leakhound's cache directory; mirrors go in <cache_dir>/repos/
  std::string token;        // password for https when the URL has none; "" = none
  std::string git = "git";  // the git executable (tests)
};

struct Mirror {
  std::string path;       // the bare repository, <cache_dir>/repos/<CacheName>
  std::string clean_url;  // the URL without credentials (what reports show)
  bool cloned = false;    // true: cloned now; false: an existing mirror was fetched
};

// Clones or updates the mirror of `request.url`. Concurrent calls for the
// same URL (two shards on one host) serialize on <mirror>.lock. A failed
// first clone leaves nothing behind; a failed fetch leaves the previous
// mirror as it was. Error messages name the credential-free URL and carry
// git's last line of stderr, with credentials redacted.
Result<Mirror> SyncMirror(const MirrorRequest& request);

}  // namespace leakhound::remote
