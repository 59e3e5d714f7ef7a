#include "log.h"

namespace vigil::lockdown {
Q_LOGGING_CATEGORY(lcLockdown, "vigil.lockdown")
}
