#pragma once

#include "vigil/exam/seat_assignment.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace vigil::exam::detail {

// "VIGILSEA" | u16 version | u16 reserved | 8-byte signer key id | u32 body length.
inline constexpr std::size_t kSeatAssignmentHeaderBytes = 8 + 2 + 2 + 8 + 4;

// The body's fields and their limits: the parser a seat assignment reaches only once its
// signature is proven (readSeatAssignment calls it right after verifying; the fuzz target in
// tests/fuzz calls it directly).
[[nodiscard]] SeatAssignmentResult<SeatAssignment>
decodeSeatAssignmentBody(std::span<const std::uint8_t> body);

} // namespace vigil::exam::detail
