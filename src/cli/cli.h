// Command-line front end: parses argv with CLI11 into pipeline::ScanOptions
// and dispatches. The only code that includes CLI11.
#pragma once

namespace leakhound::cli {

// Returns the process exit code.
int Main(int argc, char** argv);

}  // namespace leakhound::cli
