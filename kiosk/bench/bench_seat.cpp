#include "bench_seat.h"

#include <string>

namespace vigil::kiosk::bench {

namespace {

// A dual-circuit brake diagram of the size an awarding body's artwork has (~3 KiB), varied
// per item so no two images are the same bytes.
std::string brakeDiagramSvg(int variant) {
    std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='480' height='260' "
                      "viewBox='0 0 480 260'>"
                      "<rect x='2' y='2' width='476' height='256' fill='white' stroke='black'/>"
                      "<rect x='200' y='20' width='80' height='40' fill='#dde' stroke='black'/>"
                      "<text x='212' y='45' font-size='14'>Master</text>";
    const int wheels[4][2] = {{40, 80}, {380, 80}, {40, 190}, {380, 190}};
    for (int w = 0; w < 4; ++w) {
        const int x = wheels[w][0];
        const int y = wheels[w][1];
        svg += "<circle cx='" + std::to_string(x + 30) + "' cy='" + std::to_string(y + 20) +
               "' r='" + std::to_string(22 + (variant + w) % 7) +
               "' fill='none' stroke='black' stroke-width='3'/>";
        svg += "<path d='M240 60 L240 " + std::to_string(y + 20) + " L" + std::to_string(x + 52) +
               " " + std::to_string(y + 20) + "' fill='none' stroke='" +
               (w % 2 == 0 ? "#c00" : "#00c") + "' stroke-width='2'/>";
        svg += "<text x='" + std::to_string(x) + "' y='" + std::to_string(y + 60) +
               "' font-size='12'>" + (w < 2 ? "Front " : "Rear ") + (w % 2 == 0 ? "L" : "R") + " " +
               std::to_string(variant) + "</text>";
    }
    svg += "<polygon points='230,120 250,120 240,140' fill='#444'/>"
           "<text x='150' y='245' font-size='13'>Fig. " +
           std::to_string(variant) + ": diagonal split circuit</text></svg>";
    return svg;
}

std::string stem(int number) {
    return "<p>Item " + std::to_string(number) +
           ". A customer's vehicle is presented with a soft brake pedal that sinks slowly "
           "under steady pressure. The fluid level in the reservoir is at the minimum mark and "
           "there is no visible external leak at the calipers, the flexible hoses or the rigid "
           "pipes. The vehicle has a diagonally split dual circuit and ABS.</p>"
           "<p>The technician has already bled the system using a pressure bleeder and the "
           "symptom remains. The <b>next</b> step in the diagnosis should be:</p>";
}

} // namespace

exam::Assessment makeLongAssessment(int itemCount, int diagramEvery) {
    exam::Assessment assessment;
    auto& meta = assessment.metadata;
    meta.id = "LV3-BRAKES-BENCH";
    meta.title = "Light Vehicle Braking Systems (benchmark)";
    meta.qualificationCode = "603/1465/5";
    meta.version = "2026.1";
    meta.durationSeconds = 3 * 3600;
    meta.passMarkPercent = 60.0;
    meta.itemCount = itemCount;
    meta.calculatorAllowed = true;
    meta.instantResult = true;
    const char* options[4] = {
        "Check the master cylinder for internal leakage past the primary seal",
        "Replace all four flexible hoses with braided hoses",
        "Adjust the rear brake shoes and the handbrake cable",
        "Renew the brake fluid with DOT 5 silicone fluid"};
    for (int i = 1; i <= itemCount; ++i) {
        exam::Item item;
        item.identifier = "item-" + std::to_string(i);
        item.title = "Item " + std::to_string(i);
        item.bodyHtml = stem(i);
        if (diagramEvery > 0 && i % diagramEvery == 0) {
            const auto path = "media/diagram-" + std::to_string(i) + ".svg";
            item.bodyHtml += "<p><img src=\"" + path + "\" width=\"480\"/></p>";
            const auto svg = brakeDiagramSvg(i);
            assessment.media.push_back(
                {path, "image/svg+xml", std::vector<std::uint8_t>(svg.begin(), svg.end())});
        }
        item.promptHtml = "<p>Choose the correct answer.</p>";
        for (int c = 0; c < 4; ++c) {
            const std::string letter(1, char('A' + c));
            item.choices.push_back({letter, "<p>" + std::string(options[c]) + "</p>", false});
        }
        item.shuffle = true;
        item.correctResponse = {"A"};
        assessment.items.push_back(std::move(item));
    }
    return assessment;
}

BenchSeat makeBenchSeat(const std::filesystem::path& dataDir, int itemCount, int diagramEvery) {
    SeatBuildOptions options;
    options.sessionId = "S-BENCH-AM";
    options.invigilators.push_back({"INV-0042", "Sam Carter", kBenchPin, kBenchPassword});
    return buildSeat(makeLongAssessment(itemCount, diagramEvery), dataDir, options);
}

} // namespace vigil::kiosk::bench
