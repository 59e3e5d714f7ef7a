// One simulated kiosk for bench/link, without GUI: a process of its own with its own key and
// encrypted store, a sitting's journal written there by the real engine, and the kiosk's real
// link agent (sync::KioskLink: TLS 1.3, Hello, enrolment, journal from the store, status).
// bench/link starts one per seat; it is not meant to be run by hand.
//
// Usage: link_kiosk FOLDER SEAT PORT CONSOLE-KEY-HEX EVENTS SECONDS INDEX KIOSKS
// On stdout, one line each: "fingerprint SEAT K7QF-9M2X-CD4R" once the link runs (what the
// coordinator types), "done SEAT" after the status phase. On stdin: "status" starts the status
// phase; end of input stops the kiosk.
//   status phase: SECONDS times, once a second, staggered by INDEX over the second, a changed
//   status is pushed (KioskLink::setStatus: sent at once); its `problem` carries the instant
//   of the push on CLOCK_MONOTONIC ("sent-ns=…"), the same clock in every process.
#include "vigil/crypto/hash.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/sitting.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/store/database.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

using namespace vigil;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kItems = 40;

exam::Assessment benchAssessment() {
    exam::Assessment assessment;
    assessment.metadata.id = "BENCH";
    assessment.metadata.version = "1";
    assessment.metadata.title = "Link bench";
    assessment.metadata.durationSeconds = 36'000;
    assessment.metadata.passMarkPercent = 50;
    for (int i = 0; i < kItems; ++i) {
        exam::Item item;
        item.identifier = "Q" + std::to_string(i + 1);
        item.bodyHtml = "<p>?</p>";
        for (const char* id : {"A", "B", "C", "D"}) {
            item.choices.push_back({id, "<p>choice</p>", false});
        }
        item.correctResponse = {"A"};
        assessment.items.push_back(item);
    }
    assessment.metadata.itemCount = kItems;
    return assessment;
}

// The sitting's journal, `events` long, written durably by the engine as the kiosk writes it.
void writeSitting(store::Database& db, const std::string& sittingId, const std::string& seat,
                  const crypto::SigningKeyPair& keys, int events) {
    const auto assessment = benchAssessment();
    exam::SystemClock clock;
    exam::SittingSetup setup;
    setup.sittingId = sittingId;
    setup.candidateRegistration = "REG-" + seat;
    setup.centreId = "C0451";
    setup.seat = seat;
    setup.sessionId = "bench-session";
    setup.seed = 7;
    setup.assignmentDigest.fill(1);
    setup.packageDigest.fill(2);
    auto sitting = exam::Sitting::create(db, assessment, setup, clock, keys);
    sitting.verifyInvigilator("inv");
    sitting.confirmCandidate("inv");
    sitting.start();
    for (int i = 0; std::int64_t(sitting.events().size()) < events; ++i) {
        sitting.answer("Q" + std::to_string(i % kItems + 1), {i % 2 ? "A" : "B"});
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 9) {
        std::fprintf(stderr, "link_kiosk: started by bench/link, not by hand\n");
        return 2;
    }
    const fs::path folder = argv[1];
    const std::string seat = argv[2];
    const auto port = std::uint16_t(std::stoi(argv[3]));
    const int events = std::stoi(argv[5]);
    const int seconds = std::stoi(argv[6]);
    const int index = std::stoi(argv[7]);
    const int kiosks = std::stoi(argv[8]);
    crypto::SigningPublicKey consoleKey{};
    if (!crypto::fromHex(argv[4], consoleKey)) {
        std::fprintf(stderr, "link_kiosk: the console key is not a hex Ed25519 key\n");
        return 2;
    }

    fs::create_directories(folder);
    const auto keys = crypto::generateSigningKeyPair();
    const auto storeKey = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    const auto storeFile = folder / "kiosk.db";
    const std::string sittingId = "bench-" + seat;
    {
        const store::Migration migrations[] = {{1, exam::sittingSchemaSql()},
                                               {2, exam::sittingHeadSchemaSql()}};
        auto db = store::Database::open(storeFile, storeKey, migrations);
        writeSitting(db, sittingId, seat, keys, events);
    }

    sync::KioskLinkOptions options;
    options.port = port;
    options.centreId = "C0451";
    options.seat = seat;
    options.software = "bench/link_kiosk";
    sync::KioskLink link(storeFile, storeKey, keys, consoleKey, options);
    link.setStatus({"Locked", sittingId, 0, kItems, 36'000, ""});
    link.start();
    std::printf("fingerprint %s %s\n", seat.c_str(),
                sync::shortFingerprint(keys.publicKey).c_str());
    std::fflush(stdout);

    std::string line;
    if (!std::getline(std::cin, line) || line != "status") {
        link.stop();
        return 0;
    }
    const auto start = Clock::now();
    for (int tick = 0; tick < seconds; ++tick) {
        std::this_thread::sleep_until(
            start + std::chrono::milliseconds(tick * 1000 + index * 1000 / std::max(kiosks, 1)));
        const auto sentNs =
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
                .count();
        link.setStatus({"Question", sittingId, tick % kItems + 1, kItems, 36'000 - tick,
                        "sent-ns=" + std::to_string(sentNs)});
    }
    std::printf("done %s\n", seat.c_str());
    std::fflush(stdout);
    while (std::getline(std::cin, line)) {
    }
    link.stop();
    return 0;
}
