#pragma once

#include "vigil/exam/assessment.h"

#include <optional>
#include <string_view>

namespace vigil::exam::qti {

// The standard response-processing template a `template` URI names, under any of the forms
// IMS has published (QTI 2.0, 2.1, 2.2 and the 3.0-era purl.imsglobal.org, with or without
// ".xml", http or https); nullopt for any other template.
std::optional<ResponseProcessing> standardTemplate(std::string_view uri);

} // namespace vigil::exam::qti
