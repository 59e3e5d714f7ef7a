#include "response_templates.h"

#include <array>

namespace vigil::exam::qti {

std::optional<ResponseProcessing> standardTemplate(std::string_view uri) {
    static constexpr std::array<std::string_view, 4> folders = {
        "://www.imsglobal.org/question/qti_v2p0/rptemplates/",
        "://www.imsglobal.org/question/qti_v2p1/rptemplates/",
        "://www.imsglobal.org/question/qti_v2p2/rptemplates/",
        "://purl.imsglobal.org/spec/qti/v3p0/rptemplates/",
    };
    if (uri.starts_with("https")) {
        uri.remove_prefix(5);
    } else if (uri.starts_with("http")) {
        uri.remove_prefix(4);
    } else {
        return std::nullopt;
    }
    for (const auto folder : folders) {
        if (!uri.starts_with(folder)) {
            continue;
        }
        std::string_view name = uri.substr(folder.size());
        if (name.ends_with(".xml")) {
            name.remove_suffix(4);
        }
        if (name == "match_correct") {
            return ResponseProcessing::MatchCorrect;
        }
        if (name == "map_response") {
            return ResponseProcessing::MapResponse;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace vigil::exam::qti
