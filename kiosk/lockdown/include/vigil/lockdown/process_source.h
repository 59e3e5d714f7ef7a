#pragma once

#include <QList>
#include <QString>
#include <memory>

namespace vigil::lockdown {

struct ProcessInfo {
    qint64 pid = 0;
    QString name;        // the kernel's short name (Linux: /proc/<pid>/comm, at most 15 chars)
    QString commandLine; // arguments joined by spaces; empty for kernel threads

    friend bool operator==(const ProcessInfo&, const ProcessInfo&) = default;
};

// Lists the processes running now. The platform part of the process check.
class ProcessSource {
public:
    virtual ~ProcessSource() = default;
    [[nodiscard]] virtual QList<ProcessInfo> processes() const = 0;
};

// Linux: reads <procRoot>/<pid>/comm and cmdline. A process that exits while it is being read
// is skipped. procRoot is injectable so tests can build a fake tree.
class ProcFsProcessSource final : public ProcessSource {
public:
    explicit ProcFsProcessSource(QString procRoot = QStringLiteral("/proc"));
    [[nodiscard]] QList<ProcessInfo> processes() const override;

private:
    QString procRoot_;
};

// The source for the platform this was built for.
std::unique_ptr<ProcessSource> makeSystemProcessSource();

} // namespace vigil::lockdown
