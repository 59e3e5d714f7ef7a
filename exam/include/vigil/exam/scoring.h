#pragma once

#include "vigil/exam/assessment.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace vigil::exam {

using Answers = std::map<std::string, std::vector<std::string>>; // item id -> chosen ids

// MatchCorrect: maxScore for exactly the correct set (order irrelevant), else 0.
// MapResponse: each distinct chosen id adds its mapped value (defaultValue when unmapped),
// then the sum is clamped to the mapping's bounds. No answer scores 0.
[[nodiscard]] double scoreItem(const Item& item, std::span<const std::string> chosen);

struct ItemScore {
    std::string itemId;
    double score = 0.0;
    double maxScore = 0.0;
};

struct ScoreSummary {
    double score = 0.0;
    double maxScore = 0.0;
    double percentage = 0.0; // rounded to 2 decimals, for display and the record
    bool passed = false;
    std::vector<ItemScore> items; // authored order
};

// Pass when score/maxScore*100 >= passMarkPercent, decided exactly: score and max are taken
// in millionths and the mark in hundredths of a percent, then compared as integers, so
// 57/100 at a 57 % mark passes although 0.57*100 is 56.99999... in binary floating point.
[[nodiscard]] bool meetsPassMark(double score, double maxScore, double passMarkPercent);

[[nodiscard]] ScoreSummary scoreAssessment(const Assessment& assessment, const Answers& answers);

} // namespace vigil::exam
