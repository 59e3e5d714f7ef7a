#pragma once

#include <QString>

namespace vigil::lockdown {

// The kiosk's memory holds decrypted questions and the invigilators' typed credentials: no core
// file may ever be written of it and no process of the same user may read it (ptrace,
// /proc/<pid>/mem). forbidCoreDumps() marks this process non-dumpable (PR_SET_DUMPABLE 0) and
// sets its core size limit to 0; it returns an empty string on success, else what failed.
// Called first thing in main(), before anything is decrypted.
[[nodiscard]] QString forbidCoreDumps();

// What the kernel says now, for the self-test: "dumpable=no core-limit=0" when both hold.
[[nodiscard]] QString coreDumpState();

} // namespace vigil::lockdown
