#include "vigil/receiver/analysis/assessment_catalogue.h"

#include "vigil/receiver/analysis/csv.h"

#include <fstream>
#include <sstream>

namespace vigil::receiver::analysis {

Checked<AssessmentCatalogue, std::string> AssessmentCatalogue::fromCsv(std::string_view text,
                                                                       std::string_view source) {
    AssessmentCatalogue catalogue;
    std::istringstream lines{std::string(text)};
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        const auto where = std::string(source) + ":" + std::to_string(number) + ": ";
        const auto fields = csvFields(line);
        if (number == 1) {
            if (fields.size() < 2 || fields[0] != "assessment" || fields[1] != "qualification") {
                return where + "the header must be assessment,qualification,categories";
            }
            continue;
        }
        if (fields.size() == 1 && fields[0].empty()) {
            continue;
        }
        if (fields.size() > 3 || fields[0].empty()) {
            return where + "expected assessment,qualification,categories";
        }
        if (catalogue.entries_.contains(fields[0])) {
            return where + "assessment " + fields[0] + " is listed twice";
        }
        CatalogueEntry entry{fields.size() > 1 ? fields[1] : std::string(), {}};
        if (fields.size() > 2) {
            std::istringstream categories(fields[2]);
            for (std::string category; std::getline(categories, category, ';');) {
                if (!category.empty()) {
                    entry.categories.push_back(category);
                }
            }
        }
        catalogue.add(fields[0], std::move(entry));
    }
    return catalogue;
}

Checked<AssessmentCatalogue, std::string>
AssessmentCatalogue::fromFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return file.string() + ": cannot be read";
    }
    std::ostringstream text;
    text << in.rdbuf();
    return fromCsv(text.str(), file.filename().string());
}

void AssessmentCatalogue::add(const std::string& assessmentId, CatalogueEntry entry) {
    entries_[assessmentId] = std::move(entry);
}

const CatalogueEntry& AssessmentCatalogue::find(const std::string& assessmentId) const {
    static const CatalogueEntry none;
    const auto found = entries_.find(assessmentId);
    return found == entries_.end() ? none : found->second;
}

} // namespace vigil::receiver::analysis
