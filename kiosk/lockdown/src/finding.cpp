#include "vigil/lockdown/finding.h"

#include <algorithm>
#include <utility>

namespace vigil::lockdown {

QString label(FindingKind kind) {
    switch (kind) {
    case FindingKind::DeniedProcess:
        return QStringLiteral("denied-process");
    case FindingKind::SecondDisplay:
        return QStringLiteral("second-display");
    case FindingKind::VirtualMachine:
        return QStringLiteral("virtual-machine");
    case FindingKind::FocusLost:
        return QStringLiteral("focus-lost");
    case FindingKind::Configuration:
        return QStringLiteral("configuration");
    case FindingKind::ForeignWindow:
        return QStringLiteral("foreign-window");
    case FindingKind::Compositor:
        return QStringLiteral("compositor");
    }
    return QStringLiteral("unknown");
}

QString describe(OverrideError error) {
    switch (error) {
    case OverrideError::None:
        return {};
    case OverrideError::UnknownFinding:
        return QStringLiteral("There is no such finding on this PC.");
    case OverrideError::AlreadyAccepted:
        return QStringLiteral("This finding has already been accepted.");
    case OverrideError::NoInvigilator:
        return QStringLiteral("An override must name the invigilator who decided it.");
    case OverrideError::NoReason:
        return QStringLiteral("Give the reason for letting the sitting go ahead.");
    }
    return {};
}

CheckReport::CheckReport(QList<Finding> findings)
    : findings_(std::move(findings)) {}

QList<Finding> CheckReport::openFindings() const {
    QList<Finding> open;
    for (const Finding& finding : findings_) {
        if (!isAccepted(finding.key))
            open.append(finding);
    }
    return open;
}

bool CheckReport::isAccepted(const QString& findingKey) const {
    return std::any_of(overrides_.begin(), overrides_.end(),
                       [&](const Override& o) { return o.findingKey == findingKey; });
}

QStringList CheckReport::acceptedKeys() const {
    QStringList keys;
    for (const Override& o : overrides_)
        keys.append(o.findingKey);
    return keys;
}

OverrideError CheckReport::accept(const Override& decision) {
    const bool known = std::any_of(findings_.begin(), findings_.end(),
                                   [&](const Finding& f) { return f.key == decision.findingKey; });
    if (!known)
        return OverrideError::UnknownFinding;
    if (isAccepted(decision.findingKey))
        return OverrideError::AlreadyAccepted;
    if (decision.invigilator.trimmed().isEmpty())
        return OverrideError::NoInvigilator;
    if (decision.reason.trimmed().isEmpty())
        return OverrideError::NoReason;
    Override recorded = decision;
    recorded.reason = decision.reason.trimmed();
    if (!recorded.decidedAt.isValid())
        recorded.decidedAt = QDateTime::currentDateTimeUtc();
    overrides_.append(std::move(recorded));
    return OverrideError::None;
}

} // namespace vigil::lockdown
