#include "cli/cli.h"

int main(int argc, char** argv) { return leakhound::cli::Main(argc, argv); }
