#pragma once

#include "vigil/kiosk/reference_pages.h"

#include <cstdint>
#include <vector>

namespace vigil::kiosk {

// Each format's pages (reference_pages.h): null when the document cannot be shown.
[[nodiscard]] std::unique_ptr<ReferencePages> openPdfPages(const std::vector<std::uint8_t>& bytes);
[[nodiscard]] std::unique_ptr<ReferencePages>
openHtmlPages(const std::vector<std::uint8_t>& bytes, std::shared_ptr<const MediaLibrary> media);

} // namespace vigil::kiosk
