// Internal to the scan worker (worker.cc, worker_decode.cc): locating
// findings in a text and the redacted context line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/blob.h"
#include "core/span.h"

namespace leakhound::pipeline::internal {

struct LineInfo {
  uint32_t line = 1;
  uint32_t line_start = 0;
};

// Advances `li` from `from` to `pos` counting newlines.
void Advance(std::string_view data, uint32_t& from, uint32_t pos, LineInfo& li);

// The line starting at `line_start`, without its newline (or "\r\n").
std::string_view LineAt(std::string_view data, uint32_t line_start);

// True when findings on `line` are reported (staged and ranges: added lines).
bool OnAddedLine(const Provenance& p, uint32_t line);

// The line around `secret` with every span of `all` on it redacted (when
// `redact`), trimmed to 160 bytes centred on the secret.
std::string Context(std::string_view data, uint32_t line_start, std::string_view line, Span secret,
                    const std::vector<Span>& all, bool redact);

}  // namespace leakhound::pipeline::internal
