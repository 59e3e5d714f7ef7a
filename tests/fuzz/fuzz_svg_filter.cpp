// The SVG filter every image of a QTI package passes before the kiosk renders it: any bytes.
#include "exam/src/qti/svg_filter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    (void)vigil::exam::qti::svgProblem(bytes);
    return 0;
}
