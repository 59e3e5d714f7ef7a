#include "vigil/lockdown/virtual_machine.h"

#include <QDir>
#include <QFile>
#include <array>
#include <utility>

namespace vigil::lockdown {
namespace {

QString readTrimmed(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).trimmed();
}

// Vendor or product strings hypervisors put in DMI. Matched as case-insensitive substrings.
constexpr std::array kVirtualDmiMarkers{
    "qemu",         "kvm",
    "vmware",       "virtualbox",
    "innotek gmbh", "xen",
    "bochs",        "bhyve",
    "parallels",    "hvm domu",
    "amazon ec2",   "google compute engine",
    "openstack",    "virtual machine", // Hyper-V: "Microsoft Corporation / Virtual Machine"
};

bool isVirtualDmiString(const QString& value) {
    const QString lower = value.toLower();
    for (const char* marker : kVirtualDmiMarkers) {
        if (lower.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

bool cpuinfoHasHypervisorFlag(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        if (!line.startsWith("flags"))
            continue;
        const QList<QByteArray> flags = line.mid(line.indexOf(':') + 1).simplified().split(' ');
        return flags.contains("hypervisor");
    }
    return false;
}

} // namespace

LinuxVirtualMachineProbe::LinuxVirtualMachineProbe(QString root)
    : root_(std::move(root)) {}

std::optional<QString> LinuxVirtualMachineProbe::evidence() const {
    const QDir root(root_);
    for (const char* field : {"sys_vendor", "product_name"}) {
        const QString value =
            readTrimmed(root.filePath(QStringLiteral("sys/class/dmi/id/") + QLatin1String(field)));
        if (isVirtualDmiString(value))
            return QStringLiteral("%1 is \"%2\"").arg(QLatin1String(field), value);
    }
    if (cpuinfoHasHypervisorFlag(root.filePath(QStringLiteral("proc/cpuinfo"))))
        return QStringLiteral("the CPU reports the \"hypervisor\" flag");
    return std::nullopt;
}

std::unique_ptr<VirtualMachineProbe> makeSystemVirtualMachineProbe() {
    return std::make_unique<LinuxVirtualMachineProbe>();
}

} // namespace vigil::lockdown
