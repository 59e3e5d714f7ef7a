#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/seat_assignment.h"

#include <QStringList>
#include <filesystem>

namespace vigil::kiosk::bench {

// The invigilator the benchmark logs in as.
inline constexpr const char* kBenchPin = "482916";
inline constexpr const char* kBenchPassword = "Brake-Fluid-77";

// A kiosk data directory as a centre would have it, made with the real exam/ and crypto/
// code: trust keys, a sealed package of a long assessment (an SVG diagram every
// `diagramEvery` items), a seat assignment signed for it, seat.conf. The package and the
// assignment live beside the data directory, as a delivery would.
struct BenchSeat {
    std::filesystem::path dataDir;
    std::filesystem::path packageFile;
    std::filesystem::path assignmentFile;
    exam::SeatAssignment assignment;
    std::uintmax_t packageBytes = 0;

    // The vigil-kiosk command line that opens this seat.
    [[nodiscard]] QStringList kioskArguments() const;
};

[[nodiscard]] exam::Assessment makeLongAssessment(int itemCount, int diagramEvery);
// Throws std::runtime_error when any exam/ or crypto/ call refuses.
[[nodiscard]] BenchSeat makeBenchSeat(const std::filesystem::path& dataDir, int itemCount,
                                      int diagramEvery);

} // namespace vigil::kiosk::bench
