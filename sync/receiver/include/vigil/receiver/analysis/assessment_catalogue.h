#pragma once

#include "vigil/checked.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver::analysis {

// What a result record does not say about its assessment: the regulated qualification it
// belongs to (the report's qualification column, and the resit rule's wait) and the resit
// policy's categories. The awarding body keeps it beside the configuration (`assessments =`),
// a CSV file with a header row:
//   assessment,qualification,categories
//   MOT-G2-2026A,601/8928/9,
//   AA-CERT-1,,accredited-assessor
// categories are separated by ';'. An assessment not listed has no qualification and the
// default resit wait.
struct CatalogueEntry {
    std::string qualificationCode;
    std::vector<std::string> categories;
};

class AssessmentCatalogue {
public:
    [[nodiscard]] static Checked<AssessmentCatalogue, std::string> fromCsv(std::string_view text,
                                                                           std::string_view source);
    [[nodiscard]] static Checked<AssessmentCatalogue, std::string>
    fromFile(const std::filesystem::path& file);

    void add(const std::string& assessmentId, CatalogueEntry entry);
    // The entry, or an empty one for an assessment not listed.
    [[nodiscard]] const CatalogueEntry& find(const std::string& assessmentId) const;

private:
    std::map<std::string, CatalogueEntry> entries_;
};

} // namespace vigil::receiver::analysis
