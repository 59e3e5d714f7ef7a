#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver::analysis {

// One CSV record as RFC 4180 writes it: fields separated by commas, a field holding a comma,
// a double quote, CR or LF enclosed in double quotes (a double quote doubled), CRLF at the end.
[[nodiscard]] std::string csvLine(const std::vector<std::string>& fields);

// One record split back into its fields (RFC 4180 quoting; the line without its CRLF).
[[nodiscard]] std::vector<std::string> csvFields(std::string_view line);

// A number as the reports and findings write it: as a stream writes a double by default
// (six significant digits, no trailing zeros: 72.5, 0.25, 40).
[[nodiscard]] std::string reportNumber(double value);

} // namespace vigil::receiver::analysis
