#pragma once

#include <ostream>

namespace vigil::store::tools {

// `vigil-store self-check`: proves on this machine, in a throw-away folder, that the store is
// really encrypted, survives a reopen, passes its integrity check and refuses a wrong key
// without touching the file. Prints one line per check; returns the process exit code.
int runSelfCheck(std::ostream& out);

} // namespace vigil::store::tools
