#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace vigil::lockdown {

enum class FindingKind {
    DeniedProcess,
    SecondDisplay,
    VirtualMachine,
    FocusLost,
    Configuration, // the centre's configuration cannot be trusted (e.g. a file others can write)
    ForeignWindow, // another program's window appeared over the kiosk (X11)
    Compositor,    // the Wayland compositor is not the kiosk session's own cage
};

QString label(FindingKind kind); // "denied-process", "second-display", ...

// Something about this PC that stops a sitting from starting (before) or that the invigilator
// must see (during).
struct Finding {
    FindingKind kind = FindingKind::DeniedProcess;
    // Stable identity an override refers to: "process:<name>", "display:multiple", "vm",
    // "focus:lost", "config:denied-processes", "window:<id>", "compositor". The same thing found
    // twice has the same key.
    QString key;
    QString detail;  // technical evidence for the record, e.g. "pid 812 anydesk (/usr/bin/...)"
    QString message; // one sentence for the invigilator, e.g. "AnyDesk ... is running."

    friend bool operator==(const Finding&, const Finding&) = default;
};

// An invigilator's decision to let a sitting go ahead despite a finding. The kiosk journals it.
struct Override {
    QString findingKey;
    QString invigilator; // who decided (their user id)
    QString reason;      // why, in their words: required
    QDateTime decidedAt;
};

enum class OverrideError { None, UnknownFinding, AlreadyAccepted, NoInvigilator, NoReason };

QString describe(OverrideError error); // a sentence for the invigilator

// The findings of one machine check and the overrides given against them.
class CheckReport {
public:
    CheckReport() = default;
    explicit CheckReport(QList<Finding> findings);

    [[nodiscard]] const QList<Finding>& findings() const noexcept { return findings_; }
    [[nodiscard]] const QList<Override>& overrides() const noexcept { return overrides_; }

    // Findings no override has accepted yet.
    [[nodiscard]] QList<Finding> openFindings() const;
    // True when a sitting may start: every finding is accepted (or there are none).
    [[nodiscard]] bool clear() const { return openFindings().isEmpty(); }
    [[nodiscard]] bool isAccepted(const QString& findingKey) const;
    [[nodiscard]] QStringList acceptedKeys() const;

    // Accepts the finding with the given key. Refused without an invigilator or with a blank
    // reason; the report is then unchanged.
    [[nodiscard]] OverrideError accept(const Override& decision);

private:
    QList<Finding> findings_;
    QList<Override> overrides_;
};

} // namespace vigil::lockdown
