#pragma once

#include "vigil/exam/assessment.h"

#include <string>

// A small assessment with every construct the package must carry: single and multiple
// response, a mapping, fixed choices, rich text, a media file.
inline vigil::exam::Assessment sampleAssessment(const std::string& id = "MOT-G2-2026A") {
    using namespace vigil::exam;
    Assessment assessment;
    assessment.metadata.id = id;
    assessment.metadata.title = "MOT Testing Group 2 — annual assessment";
    assessment.metadata.qualificationCode = "601/8928/9";
    assessment.metadata.version = "2026.1";
    assessment.metadata.durationSeconds = 45 * 60;
    assessment.metadata.passMarkPercent = 80.0;
    assessment.metadata.itemCount = 2;
    assessment.metadata.referenceMaterialAllowed = true;
    assessment.metadata.referenceMaterialNote = "MOT inspection manual";
    assessment.navigation = NavigationMode::Linear;
    assessment.submission = SubmissionMode::Individual;

    Item brakes;
    brakes.identifier = "q01";
    brakes.title = "Brake imbalance";
    brakes.bodyHtml = "<p>SECRET-STEM: a service brake imbalance of <b>30%</b> is found.</p>"
                      "<img src=\"media/brake-circuit.svg\"/>";
    brakes.promptHtml = "<p>What is the outcome?</p>";
    brakes.choices = {{"A", "<p>Pass</p>", false},
                      {"B", "<p>Pass and advise</p>", false},
                      {"C", "<p>Fail</p>", false},
                      {"D", "<p>None of these</p>", true}};
    brakes.shuffle = true;
    brakes.correctResponse = {"C"};

    Item lamps;
    lamps.identifier = "q02";
    lamps.title = "Lamps";
    lamps.bodyHtml = "<p>Which lamps are inspected? Ünïcödé ✓</p>";
    lamps.choices = {{"A", "Headlamps", false},
                     {"B", "Fog lamps (rear)", false},
                     {"C", "Interior lamps", false}};
    lamps.cardinality = Cardinality::Multiple;
    lamps.maxChoices = 0;
    lamps.correctResponse = {"A", "B"};
    lamps.processing = ResponseProcessing::MapResponse;
    lamps.mapping = ScoreMapping{{{"A", 1.0}, {"B", 1.0}, {"C", -1.0}}, 0.0, 0.0, 2.0};
    lamps.maxScore = 2.0;

    assessment.items = {brakes, lamps};
    assessment.media = {
        {"media/brake-circuit.svg", "image/svg+xml", {'<', 's', 'v', 'g', '/', '>'}}};
    return assessment;
}
