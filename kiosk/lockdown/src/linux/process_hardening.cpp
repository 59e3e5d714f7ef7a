#include "vigil/lockdown/process_hardening.h"

#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace vigil::lockdown {

QString forbidCoreDumps() {
    QString failed;
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        failed = QStringLiteral("PR_SET_DUMPABLE: %1").arg(QString::fromUtf8(std::strerror(errno)));
    // Also for a kernel where fs.suid_dumpable=2 would still dump a non-dumpable process.
    const struct rlimit none { 0, 0 };
    if (::setrlimit(RLIMIT_CORE, &none) != 0) {
        if (!failed.isEmpty())
            failed += QStringLiteral("; ");
        failed += QStringLiteral("RLIMIT_CORE: %1").arg(QString::fromUtf8(std::strerror(errno)));
    }
    return failed;
}

QString coreDumpState() {
    const int dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    struct rlimit limit {};
    const bool haveLimit = ::getrlimit(RLIMIT_CORE, &limit) == 0;
    const QString coreLimit = !haveLimit ? QStringLiteral("unknown")
                              : limit.rlim_cur == RLIM_INFINITY
                                  ? QStringLiteral("unlimited")
                                  : QString::number(qulonglong(limit.rlim_cur));
    return QStringLiteral("dumpable=%1 core-limit=%2")
        .arg(dumpable == 0 ? QStringLiteral("no") : QStringLiteral("yes"), coreLimit);
}

} // namespace vigil::lockdown
