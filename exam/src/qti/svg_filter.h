#pragma once

#include <QByteArray>
#include <string>

namespace vigil::exam::qti {

// Why `bytes` are not a plain, self-contained SVG drawing (not well-formed, a script or
// foreignObject, a reference to anything outside itself); empty when they are one. Every SVG
// a package carries passes this filter before the kiosk renders it.
[[nodiscard]] std::string svgProblem(const QByteArray& bytes);

} // namespace vigil::exam::qti
