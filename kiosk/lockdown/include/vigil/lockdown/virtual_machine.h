#pragma once

#include <QString>
#include <memory>
#include <optional>

namespace vigil::lockdown {

// Tells whether this PC is a virtual machine. The platform part of the VM check.
class VirtualMachineProbe {
public:
    virtual ~VirtualMachineProbe() = default;
    // The evidence found (e.g. "sys_vendor is QEMU"), or nothing on real hardware.
    [[nodiscard]] virtual std::optional<QString> evidence() const = 0;
};

// Linux: DMI strings (<root>/sys/class/dmi/id/sys_vendor, product_name) and the "hypervisor"
// CPU flag in <root>/proc/cpuinfo. root is injectable so tests can build fake files.
class LinuxVirtualMachineProbe final : public VirtualMachineProbe {
public:
    explicit LinuxVirtualMachineProbe(QString root = QStringLiteral("/"));
    [[nodiscard]] std::optional<QString> evidence() const override;

private:
    QString root_;
};

std::unique_ptr<VirtualMachineProbe> makeSystemVirtualMachineProbe();

} // namespace vigil::lockdown
