#pragma once

#include <QLoggingCategory>

namespace vigil::lockdown {
Q_DECLARE_LOGGING_CATEGORY(lcLockdown)
}
