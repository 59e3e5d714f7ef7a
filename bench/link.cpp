// The LAN link under a room's load: one console (this process) and N simulated kiosks (a
// second process, no GUI, one TLS connection and key each) on loopback.
//   status latency: every kiosk pushes its status once a second, staggered; the time from the
//     kiosk's send to the console's hub handing it on (CLOCK_MONOTONIC is the same clock in
//     both processes; the send instant rides in the status's sittingId, for the bench only);
//   journal absorption: every kiosk then sends a real sitting's journal (chained, signed) and
//     the console verifies and stores all of them; events per second until all are acked;
//   the console process's RSS after both.
// Usage: bench/link [kiosks=60] [seconds=10] [events-per-kiosk=300] [work-folder]
#include "vigil/sync/link.h"

#include "bench_support.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/sitting.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/store/database.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/messages.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace vigil;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t monotonicNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

exam::Assessment benchAssessment(int items) {
    exam::Assessment assessment;
    assessment.metadata.id = "BENCH";
    assessment.metadata.version = "1";
    assessment.metadata.title = "Link bench";
    assessment.metadata.durationSeconds = 36'000;
    assessment.metadata.passMarkPercent = 50;
    for (int i = 0; i < items; ++i) {
        exam::Item item;
        item.identifier = "Q" + std::to_string(i + 1);
        item.bodyHtml = "<p>?</p>";
        for (const char* id : {"A", "B", "C", "D"}) {
            item.choices.push_back({id, "<p>choice</p>", false});
        }
        item.correctResponse = {"A"};
        assessment.items.push_back(item);
    }
    assessment.metadata.itemCount = items;
    return assessment;
}

// One simulated kiosk's journal, written by the real engine into a store of its own.
std::vector<std::string> makeJournal(const fs::path& folder, const std::string& sittingId,
                                     const crypto::SigningKeyPair& keys, int events) {
    const auto key = crypto::SecureBuffer::random(32);
    const store::Migration migrations[] = {{1, exam::sittingSchemaSql()},
                                           {2, exam::sittingHeadSchemaSql()}};
    auto db = store::Database::open(folder / (sittingId + ".db"), key, migrations);
    const auto assessment = benchAssessment(40);
    exam::SystemClock clock;
    exam::SittingSetup setup;
    setup.sittingId = sittingId;
    setup.candidateRegistration = "REG";
    setup.centreId = "C0451";
    setup.seat = sittingId;
    setup.sessionId = "bench-session";
    setup.seed = 7;
    setup.assignmentDigest.fill(1);
    setup.packageDigest.fill(2);
    auto sitting = exam::Sitting::create(db, assessment, setup, clock, keys);
    sitting.verifyInvigilator("inv");
    sitting.confirmCandidate("inv");
    sitting.start();
    for (int i = 0; std::int64_t(sitting.events().size()) < events; ++i) {
        sitting.answer("Q" + std::to_string(i % 40 + 1), {i % 2 ? "A" : "B"});
    }
    std::vector<std::string> canonical;
    for (const auto& event : sitting.events()) {
        canonical.push_back(exam::canonicalEventJson(event));
    }
    return canonical;
}

struct SimulatedKiosk {
    std::string seat;
    crypto::SigningKeyPair keys = crypto::generateSigningKeyPair();
    std::vector<std::string> journal;
    std::mutex mutex;
    std::shared_ptr<sync::Connection> connection;
    std::atomic<bool> enrolled{false};
    std::unique_ptr<sync::LinkClient> client;
};

// The child: N kiosks, each connecting, waiting for enrolment, pushing status, then its journal.
int runKiosks(std::uint16_t port, const crypto::SigningPublicKey& consoleKey, int kiosks,
              int seconds, int eventsPerKiosk, const fs::path& work) {
    std::vector<std::unique_ptr<SimulatedKiosk>> all;
    for (int i = 0; i < kiosks; ++i) {
        auto kiosk = std::make_unique<SimulatedKiosk>();
        char seat[16];
        std::snprintf(seat, sizeof seat, "PC%02d", i + 1);
        kiosk->seat = seat;
        kiosk->journal = makeJournal(work, kiosk->seat, kiosk->keys, eventsPerKiosk);
        all.push_back(std::move(kiosk));
    }
    for (auto& kiosk : all) {
        SimulatedKiosk* k = kiosk.get();
        k->client = std::make_unique<sync::LinkClient>(
            k->keys, consoleKey, sync::LinkLimits{},
            sync::LinkHandlers{
                .onOpen =
                    [k](const std::shared_ptr<sync::Connection>& c) {
                        std::lock_guard lock(k->mutex);
                        k->connection = c;
                        c->send(sync::encodeMessage(
                            sync::Hello{sync::kProtocolVersion, "C0451", k->seat, "bench"}));
                    },
                .onFrame =
                    [k](const std::shared_ptr<sync::Connection>&, sync::Frame frame) {
                        auto message = sync::decodeMessage(frame);
                        if (message) {
                            if (auto* reply = std::get_if<sync::HelloReply>(&message.value())) {
                                k->enrolled =
                                    reply->standing == sync::HelloReply::Standing::Enrolled;
                            }
                        }
                    },
                .onClose = {},
            });
        k->client->connect("127.0.0.1", port);
    }
    while (!std::all_of(all.begin(), all.end(), [](const auto& k) { return k->enrolled.load(); })) {
        std::this_thread::sleep_for(10ms);
    }
    // Status: each kiosk once a second, spread over the second.
    const auto start = Clock::now();
    for (int tick = 0; Clock::now() - start < std::chrono::seconds(seconds); ++tick) {
        for (int i = 0; i < kiosks; ++i) {
            std::this_thread::sleep_until(
                start + std::chrono::milliseconds(tick * 1000 + i * 1000 / kiosks));
            auto& k = *all[std::size_t(i)];
            std::lock_guard lock(k.mutex);
            k.connection->send(sync::encodeMessage(sync::KioskStatus{
                "Question", "bench-" + std::to_string(monotonicNs()), tick, 40, 1000, ""}));
        }
    }
    // Journals: everyone at once, in batches of 500 as the kiosk's agent sends them.
    std::this_thread::sleep_for(200ms);
    for (auto& kiosk : all) {
        for (std::size_t from = 0; from < kiosk->journal.size(); from += 500) {
            const auto to = std::min(kiosk->journal.size(), from + 500) - 1;
            sync::JournalEvents batch;
            batch.sittingId = kiosk->seat;
            batch.firstSequence = std::int64_t(from);
            batch.events.assign(kiosk->journal.begin() + std::ptrdiff_t(from),
                                kiosk->journal.begin() + std::ptrdiff_t(to + 1));
            const auto event = exam::parseEventJson(kiosk->journal[to]);
            const exam::JournalHead head{std::int64_t(to), exam::chainHashOf(event)};
            batch.headHex = crypto::toHex(head.hash);
            batch.signatureHex =
                crypto::toHex(exam::signJournalHead(kiosk->seat, head, kiosk->keys).signature);
            std::lock_guard lock(kiosk->mutex);
            kiosk->connection->send(sync::encodeMessage(batch));
        }
    }
    // Stay connected until the console is done (it closes the pipe's other end by killing us).
    std::this_thread::sleep_for(std::chrono::hours(1));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const int kiosks = argc > 1 ? std::atoi(argv[1]) : 60;
    const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
    const int eventsPerKiosk = argc > 3 ? std::atoi(argv[3]) : 300;
    const fs::path work =
        argc > 4 ? fs::path(argv[4]) : fs::temp_directory_path() / "vigil-bench-link";
    fs::remove_all(work);
    fs::create_directories(work);

    const auto consoleKeys = crypto::generateSigningKeyPair();
    const auto storeKey = crypto::SecureBuffer::random(32);
    const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                           {2, sync::JournalReplica::schemaSql()}};
    auto db = store::Database::open(work / "console.db", storeKey, migrations);

    std::mutex latencyMutex;
    std::vector<double> latenciesMs;
    sync::ConsoleHubOptions options;
    options.centreId = "C0451";
    options.consoleName = "bench";
    options.onStatus = [&](const std::string&, const sync::KioskStatus& status) {
        const auto received = monotonicNs();
        if (status.sittingId.rfind("bench-", 0) == 0) {
            const auto sent = std::stoll(status.sittingId.substr(6));
            std::lock_guard lock(latencyMutex);
            latenciesMs.push_back(double(received - sent) / 1e6);
        }
    };
    sync::ConsoleHub hub(db, consoleKeys, options);
    const auto port = hub.listen("127.0.0.1", 0);
    if (!port) {
        std::fprintf(stderr, "bench/link: %s\n", sync::describe(port.error()).c_str());
        return 1;
    }
    const auto rssBefore = vigil::bench::rssKiB();

    const pid_t child = fork();
    if (child == 0) {
        _exit(
            runKiosks(port.value(), consoleKeys.publicKey, kiosks, seconds, eventsPerKiosk, work));
    }
    // Enrol each kiosk as the coordinator would, by its fingerprint.
    std::size_t enrolledCount = 0;
    while (enrolledCount < std::size_t(kiosks)) {
        for (const auto& waiting : hub.waiting()) {
            if (hub.enrol(waiting.seat, waiting.fingerprint, "bench").ok()) {
                ++enrolledCount;
            }
        }
        std::this_thread::sleep_for(10ms);
    }
    // Status phase, then the journals.
    const std::size_t expectedEvents = std::size_t(kiosks) * std::size_t(eventsPerKiosk);
    Clock::time_point firstBatch{};
    std::size_t held = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(seconds + 300);
    while (Clock::now() < deadline) {
        std::size_t now = 0;
        for (const auto& sitting : hub.sittings()) {
            now += std::size_t(sitting.head.sequence + 1);
        }
        if (now > 0 && held == 0) {
            firstBatch = Clock::now();
        }
        held = now;
        if (held >= expectedEvents) {
            break;
        }
        std::this_thread::sleep_for(5ms);
    }
    const double absorbSeconds = std::chrono::duration<double>(Clock::now() - firstBatch).count();
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);

    std::printf("LAN link: %d kiosks on loopback, status once a second for %d s, %d-event "
                "journals\n\n",
                kiosks, seconds, eventsPerKiosk);
    std::printf("  %-44s %10s\n", "measure", "value");
    std::lock_guard lock(latencyMutex);
    std::printf("  %-44s %10zu\n", "status messages received", latenciesMs.size());
    std::printf("  %-44s %10.2f\n", "status latency p50 (ms)", percentile(latenciesMs, 50));
    std::printf("  %-44s %10.2f\n", "status latency p99 (ms)", percentile(latenciesMs, 99));
    std::printf("  %-44s %10.2f\n", "status latency max (ms)", percentile(latenciesMs, 100));
    std::printf("  %-44s %10zu\n", "journal events verified and stored", held);
    std::printf("  %-44s %10.0f\n", "journal events per second absorbed",
                absorbSeconds > 0 ? double(held) / absorbSeconds : 0.0);
    std::printf("  %-44s %10ld\n", "console RSS before kiosks (KiB)", rssBefore);
    std::printf("  %-44s %10ld\n", "console RSS after (KiB)", vigil::bench::rssKiB());
    fs::remove_all(work);
    return held >= expectedEvents ? 0 : 1;
}
