// The sitting engine's costs on this machine: an answer change until it is durable, replaying
// a long journal, the memory of a loaded 200-item assessment with images, and opening a sealed
// 200-item package. Usage: engine [folder on the kiosk's disk] (default: the current folder).

#include "bench_support.h"
#include "vigil/crypto/random.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/package.h"
#include "vigil/exam/sitting.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/store/database.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kItems = 200;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A realistic 200-item assessment: stems with a diagram each (40 KiB of image bytes).
exam::Assessment bigAssessment() {
    exam::Assessment assessment;
    assessment.metadata.id = "MOT-G2-BENCH";
    assessment.metadata.title = "MOT testing (bench)";
    assessment.metadata.qualificationCode = "601/8928/9";
    assessment.metadata.version = "2026.1";
    assessment.metadata.durationSeconds = 7200;
    assessment.metadata.passMarkPercent = 80;
    assessment.metadata.itemCount = kItems;
    for (int i = 0; i < kItems; ++i) {
        exam::Item item;
        item.identifier = "Q" + std::to_string(i + 1);
        item.title = "Question " + std::to_string(i + 1);
        const auto image = "media/diagram-" + std::to_string(i + 1) + ".png";
        item.bodyHtml = "<p>" + std::string(400, 'x') + "</p><img src=\"" + image + "\"/>";
        item.promptHtml = "<p>Choose the correct answer.</p>";
        for (const char* id : {"A", "B", "C", "D"}) {
            item.choices.push_back({id, "<p>" + std::string(80, 'y') + "</p>", false});
        }
        item.shuffle = true;
        item.correctResponse = {"A"};
        assessment.items.push_back(std::move(item));
        assessment.media.push_back({image, "image/png", crypto::randomBytes(40 * 1024)});
    }
    return assessment;
}

struct Stats {
    double median = 0;
    double p99 = 0;
};

Stats stats(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 99 / 100]};
}

void row(const char* what, const std::string& value) {
    std::printf("| %-52s | %20s |\n", what, value.c_str());
}

std::string fmt(const char* format, double a, double b = 0) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, a, b);
    return buffer;
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path folder =
        std::filesystem::path(argc > 1 ? argv[1] : ".") / "vigil-engine-bench";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    const std::array migrations{store::Migration{1, exam::sittingSchemaSql()},
                                store::Migration{2, exam::sittingHeadSchemaSql()}};
    const auto kioskKeys = crypto::generateSigningKeyPair();
    auto db = store::Database::open(folder / "kiosk.db", key, migrations);

    std::printf("| %-52s | %20s |\n|%s|%s|\n", "measure", "value", std::string(54, '-').c_str(),
                std::string(22, '-').c_str());

    const long rssBefore = vigil::bench::rssKiB();
    const auto assessment = bigAssessment();
    row("RSS of a loaded 200-item assessment with images",
        fmt("%.1f MiB", (vigil::bench::rssKiB() - rssBefore) / 1024.0));

    exam::SystemClock clock;
    const exam::SittingSetup setup{.sittingId = "bench-1",
                                   .sessionId = "S-1",
                                   .candidateRegistration = "REG-1",
                                   .centreId = "C-1",
                                   .seat = "PC-1",
                                   .seed = 7,
                                   .shuffleItems = true,
                                   .assignmentDigest = crypto::blake2b(crypto::randomBytes(64)),
                                   .packageDigest = crypto::blake2b(crypto::randomBytes(64))};
    auto sitting = exam::Sitting::create(db, assessment, setup, clock, kioskKeys);
    sitting.verifyInvigilator("inv");
    sitting.confirmCandidate("inv");
    sitting.start();

    std::vector<double> latencies;
    constexpr int kChanges = 1000;
    for (int i = 0; i < kChanges; ++i) {
        const auto& item = sitting.presentationOrder()[static_cast<std::size_t>(i % kItems)];
        const auto start = Clock::now();
        sitting.answer(item.itemId, {item.choiceOrder[static_cast<std::size_t>(i % 4)]});
        latencies.push_back(msSince(start));
    }
    const auto answerStats = stats(latencies);
    row("answer change -> durable, median / p99 (1000)",
        fmt("%.3f / %.3f ms", answerStats.median, answerStats.p99));

    // A long sitting: ~2 h of checkpoints every 5 s plus many answer changes.
    for (int i = 0; i < 4000; ++i) {
        if (i % 2 == 0) {
            sitting.checkpoint();
        } else {
            const auto& item = sitting.presentationOrder()[static_cast<std::size_t>(i % kItems)];
            sitting.setFlag(item.itemId, i % 4 == 1);
        }
    }
    const auto events = sitting.events().size();
    const auto loadStart = Clock::now();
    auto journal = exam::SittingJournal(db, "bench-1").load();
    const double loadMs = msSince(loadStart);
    // Read with the events: Sitting::load below appends (Interrupted) and signs a newer head.
    const auto signedHead = exam::SittingJournal(db, "bench-1").signedHead();
    const auto replayStart = Clock::now();
    const auto snapshot = exam::replay(journal);
    const double replayMs = msSince(replayStart);
    row(("read journal from store (" + std::to_string(events) + " events)").c_str(),
        fmt("%.1f ms", loadMs));
    row(("replay journal (" + std::to_string(events) + " events)").c_str(),
        fmt("%.1f ms", replayMs));
    // What a sitting (and later the console, for every sitting) keeps per event in memory
    // before the strings' own heap blocks: the header is shared by the first event only.
    row("in-memory event, fixed part", fmt("%.0f bytes", double(sizeof(exam::SittingEvent))));
    const auto resumeStart = Clock::now();
    auto resumed = exam::Sitting::load(db, assessment, "bench-1", clock, kioskKeys);
    row("Sitting::load of that journal (read+verify+replay+write)",
        fmt("%.1f ms", msSince(resumeStart)));
    const auto verifyStart = Clock::now();
    exam::JournalVerifier verifier("bench-1", kioskKeys.publicKey);
    if (!signedHead || !verifier.extend(journal, *signedHead)) {
        std::fprintf(stderr, "the journal does not verify\n");
        return 1;
    }
    row("verify journal chain + head signature", fmt("%.1f ms", msSince(verifyStart)));
    if (resumed.snapshot().answers != snapshot.answers) {
        std::fprintf(stderr, "replay differs from the loaded sitting\n");
        return 1;
    }

    // Package open + verify + decrypt.
    const auto awardingBody = crypto::generateSigningKeyPair();
    const auto centre = crypto::generateBoxKeyPair();
    const auto package = exam::buildPackage(assessment, awardingBody, {{"C-1", centre.publicKey}});
    if (!package) {
        std::fprintf(stderr, "buildPackage: %s\n", exam::describe(package.error()).c_str());
        return 1;
    }
    std::vector<double> opens;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        const auto opened =
            exam::openPackage(package.value(), awardingBody.publicKey, "C-1", centre);
        opens.push_back(msSince(start));
        if (!opened) {
            std::fprintf(stderr, "openPackage: %s\n", exam::describe(opened.error()).c_str());
            return 1;
        }
    }
    row(("open+verify+decrypt 200-item package (" + std::to_string(package.value().size() / 1024) +
         " KiB), median")
            .c_str(),
        fmt("%.1f ms", stats(opens).median));

    std::filesystem::remove_all(folder);
    return 0;
}
