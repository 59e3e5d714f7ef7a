#pragma once

#include "vigil/lockdown/process_source.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace vigil::lockdown {

struct DenyListParseResult;

// Programs that must not run during a sitting: remote desktop, screen recording, messaging.
//
// Centre file format (UTF-8 text, one entry per line):
//     # comment            ignored, as are blank lines and surrounding spaces
//     obs                  deny a program by name
//     !zoom                allow a program the built-in list denies
// Names are compared case-insensitively with the process's short name (also when the kernel
// cut it to 15 characters) and with the file name of its first argument. A name holds no
// spaces and no '/'.
class ProcessDenyList {
public:
    ProcessDenyList() = default;
    explicit ProcessDenyList(QStringList names);

    // The built-in list.
    [[nodiscard]] static ProcessDenyList builtIn();
    // The list this process enforces: the built-in one, with the centre's file applied once
    // main() has installed it (installMachineSetup, machine_setup.h).
    [[nodiscard]] static ProcessDenyList defaults();

    // Applies a centre file's lines on top of `base`.
    [[nodiscard]] static DenyListParseResult parse(const QString& text,
                                                   const ProcessDenyList& base = builtIn());
    [[nodiscard]] static DenyListParseResult loadFile(const QString& path,
                                                      const ProcessDenyList& base = builtIn());

    [[nodiscard]] const QStringList& names() const noexcept { return names_; }

    // The deny-list entry this process matches, if any.
    [[nodiscard]] std::optional<QString> match(const ProcessInfo& process) const;

private:
    QStringList names_; // lower case, sorted, unique
};

struct DenyListParseResult {
    std::optional<ProcessDenyList> list; // empty when error is set
    QString error;                       // "<file>, line 3: ..." for the centre's IT contact
};

} // namespace vigil::lockdown
