#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/kiosk/seat_builder.h"

#include <filesystem>

namespace vigil::kiosk::bench {

// The invigilator the benchmark logs in as.
inline constexpr const char* kBenchPin = "482916";
inline constexpr const char* kBenchPassword = "Brake-Fluid-77";

// A kiosk data directory as a centre would have it, made by the kiosk's seat builder over a
// long assessment (an SVG diagram every `diagramEvery` items); the package and the assignment
// live beside the data directory, as a delivery would.
using BenchSeat = BuiltSeat;

[[nodiscard]] exam::Assessment makeLongAssessment(int itemCount, int diagramEvery);
// Throws std::runtime_error when any exam/ or crypto/ call refuses.
[[nodiscard]] BenchSeat makeBenchSeat(const std::filesystem::path& dataDir, int itemCount,
                                      int diagramEvery);

} // namespace vigil::kiosk::bench
