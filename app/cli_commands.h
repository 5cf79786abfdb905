#pragma once
// scdesk-cli subcommands that are not analyses, one file each (cli_info.cpp, cli_convert.cpp).
// Each returns the process exit status; errors are thrown as scdesk::Error (InvalidParameter for
// bad usage: exit 2; anything else: exit 1).
#include <string>
#include <vector>

namespace scdesk::cli {

// scdesk-cli info FILE [--json]
int runInfo(const std::vector<std::string>& args);
// scdesk-cli convert IN OUT
int runConvert(const std::vector<std::string>& args);
// scdesk-cli demo --out FILE [--demo-seed N]
int runDemo(const std::vector<std::string>& args);

} // namespace scdesk::cli
