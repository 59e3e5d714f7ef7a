#pragma once

#include "vigil/exam/qti_import.h"

#include <QByteArray>
#include <string>

namespace vigil::exam::qti {

// importQtiPackage for a zip archive held in memory (problems name it `displayName`): the same
// checks on the same bytes, nothing written to disk. For the fuzz target in tests/fuzz.
[[nodiscard]] QtiImportResult importQtiZip(const QByteArray& zip, const std::string& displayName);

} // namespace vigil::exam::qti
