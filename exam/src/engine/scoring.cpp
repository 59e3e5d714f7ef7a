#include "vigil/exam/scoring.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vigil::exam {

namespace {

std::int64_t millionths(double value) {
    return std::llround(value * 1'000'000.0);
}

double roundToHundredths(double value) {
    return std::round(value * 100.0) / 100.0;
}

} // namespace

double scoreItem(const Item& item, std::span<const std::string> chosen) {
    const std::set<std::string> distinct(chosen.begin(), chosen.end());
    if (distinct.empty()) {
        return 0.0;
    }
    switch (item.processing) {
    case ResponseProcessing::MatchCorrect: {
        const std::set<std::string> correct(item.correctResponse.begin(),
                                            item.correctResponse.end());
        return distinct == correct ? item.maxScore : 0.0;
    }
    case ResponseProcessing::MapResponse: {
        if (!item.mapping) {
            return 0.0;
        }
        const auto& mapping = *item.mapping;
        double sum = 0.0;
        for (const auto& id : distinct) {
            const auto found = mapping.entries.find(id);
            sum += found == mapping.entries.end() ? mapping.defaultValue : found->second;
        }
        if (mapping.lowerBound) {
            sum = std::max(sum, *mapping.lowerBound);
        }
        if (mapping.upperBound) {
            sum = std::min(sum, *mapping.upperBound);
        }
        return sum;
    }
    }
    return 0.0;
}

bool meetsPassMark(double score, double maxScore, double passMarkPercent) {
    const std::int64_t maxMicro = millionths(maxScore);
    if (maxMicro <= 0) {
        return false;
    }
    // score/max*100 >= mark/100  <=>  score * 10000 >= mark * max, in exact integers.
    // __int128 keeps the products exact for any score a real assessment can give.
    const __int128 lhs = static_cast<__int128>(millionths(score)) * 10'000;
    const __int128 rhs = static_cast<__int128>(std::llround(passMarkPercent * 100.0)) * maxMicro;
    return lhs >= rhs;
}

ScoreSummary scoreAssessment(const Assessment& assessment, const Answers& answers) {
    ScoreSummary summary;
    for (const auto& item : assessment.items) {
        const auto found = answers.find(item.identifier);
        const double score = found == answers.end() ? 0.0 : scoreItem(item, found->second);
        summary.items.push_back({item.identifier, score, item.maxScore});
        summary.score += score;
        summary.maxScore += item.maxScore;
    }
    summary.percentage =
        summary.maxScore > 0 ? roundToHundredths(summary.score / summary.maxScore * 100.0) : 0.0;
    summary.passed =
        meetsPassMark(summary.score, summary.maxScore, assessment.metadata.passMarkPercent);
    return summary;
}

} // namespace vigil::exam
