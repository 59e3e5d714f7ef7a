// The LAN link under a room's load: the console (this process: the real hub, its encrypted
// store, and the live room's model fed as the console app feeds it) and N simulated kiosks, each
// a process of its own (bench/link_kiosk: its own key and store, the real kiosk link agent,
// sync::KioskLink) on loopback.
//   enrolment: each kiosk prints the fingerprint it would show; the console enrols it by that
//     fingerprint, as the coordinator types it;
//   journal absorption: once enrolled, every kiosk sends its sitting's journal (the engine's,
//     chained and signed) from its store at once; the console verifies and stores every batch
//     (the replica) and hands it to the live room; events per second from the first enrolment
//     until every event is stored;
//   status latency: then every kiosk pushes a changed status once a second, staggered over the
//     second; the time from the kiosk's push to the live room's model holding it (the hub's push
//     posted to this thread, as LiveSession posts it; CLOCK_MONOTONIC is one clock for every
//     process on the machine);
//   the console process's RSS before the kiosks, after the journals, after the status phase.
// Usage: bench/link [kiosks=60] [seconds=10] [events-per-kiosk=300] [work-folder]
#include "bench_support.h"
#include "link_kiosks.h"
#include "vigil/console/live_room.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/store/database.h"
#include "vigil/sync/console_hub.h"

#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace vigil;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kGoalP99Ms = 100.0;
constexpr int kGoalKiosks = 60;

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

long peakRssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

// The room's plan: N PCs in rows of 6, a candidate at each.
console::PlanLayout planOf(int kiosks) {
    console::PlanLayout layout;
    layout.columns = 6;
    layout.rows = (kiosks + 5) / 6;
    layout.cells.resize(std::size_t(layout.rows));
    for (int row = 0; row < layout.rows; ++row) {
        for (int column = 0; column < layout.columns; ++column) {
            console::PlanCell cell;
            cell.place = {row, column};
            const int index = row * layout.columns + column;
            if (index < kiosks) {
                cell.seat = bench::kioskSeat(index);
                cell.candidateName = "Candidate " + std::to_string(index + 1);
                cell.registrationNumber = "REG-" + cell.seat;
                cell.assessmentId = "BENCH";
            }
            layout.cells[std::size_t(row)].push_back(cell);
        }
    }
    return layout;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int kiosks = argc > 1 ? std::atoi(argv[1]) : 60;
    const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
    const int eventsPerKiosk = argc > 3 ? std::atoi(argv[3]) : 300;
    const fs::path work =
        argc > 4 ? fs::path(argv[4]) : fs::temp_directory_path() / "vigil-bench-link";
    fs::remove_all(work);
    fs::create_directories(work);

    // The console: its store (the hub's enrolment and replica tables), hub, live room.
    const auto consoleKeys = crypto::generateSigningKeyPair();
    const auto storeKey = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                           {2, sync::JournalReplica::schemaSql()}};
    auto db = store::Database::open(work / "console.db", storeKey, migrations);
    console::LiveRoom room;
    room.setPlan(planOf(kiosks));

    const std::size_t expectedEvents = std::size_t(kiosks) * std::size_t(eventsPerKiosk);
    std::atomic<std::size_t> stored{0};
    std::atomic<std::int64_t> firstStoredNs{0};
    std::atomic<std::int64_t> allStoredNs{0};
    std::size_t modelEvents = 0; // events the live room's model took in (this thread)
    std::map<std::string, std::int64_t> lastStamp; // per seat: a heartbeat repeats a status
    std::vector<double> latenciesMs;
    QObject receiver; // LiveSession's role: pushes are posted to its thread
    auto post = [&receiver](auto&& call) {
        QMetaObject::invokeMethod(&receiver, std::forward<decltype(call)>(call),
                                  Qt::QueuedConnection);
    };

    sync::ConsoleHubOptions options;
    options.centreId = "C0451";
    options.consoleName = "bench console";
    options.onStatus = [&](const std::string& seat, const sync::KioskStatus& status) {
        post([&, seat, status] {
            room.heard(seat, status, QDateTime::currentMSecsSinceEpoch());
            const auto received = monotonicNs();
            if (status.problem.rfind("sent-ns=", 0) != 0) {
                return;
            }
            const auto sent = std::stoll(status.problem.substr(8));
            if (lastStamp[seat] == sent) {
                return; // the heartbeat repeating the status already counted
            }
            lastStamp[seat] = sent;
            latenciesMs.push_back(double(received - sent) / 1e6);
        });
    };
    options.onJournalEvents = [&](const std::string& seat, const sync::JournalEvents& batch) {
        std::int64_t none = 0;
        firstStoredNs.compare_exchange_strong(none, monotonicNs());
        none = 0;
        if ((stored += batch.events.size()) >= expectedEvents) {
            allStoredNs.compare_exchange_strong(none, monotonicNs());
        }
        post([&, seat, batch] {
            std::vector<exam::SittingEvent> events;
            events.reserve(batch.events.size());
            for (const auto& json : batch.events) {
                events.push_back(exam::parseEventJson(json));
            }
            room.journal(seat, events);
            modelEvents += events.size();
        });
    };
    sync::ConsoleHub hub(db, consoleKeys, options);
    const auto port = hub.listen("127.0.0.1", 0);
    if (!port) {
        std::fprintf(stderr, "bench/link: %s\n", sync::describe(port.error()).c_str());
        return 1;
    }
    const long rssBefore = bench::rssKiB();

    // The kiosks, one process each; their fingerprints as their screens would show them.
    bench::LinkKiosks kioskProcesses(kiosks, work, port.value(),
                                     crypto::toHex(consoleKeys.publicKey), eventsPerKiosk, seconds);
    const auto& fingerprints = kioskProcesses.fingerprints();
    const auto allWaiting = [&] {
        return fingerprints.size() == std::size_t(kiosks) &&
               hub.waiting().size() == std::size_t(kiosks);
    };
    if (!bench::runUntil(allWaiting, std::chrono::minutes(10))) {
        std::fprintf(stderr, "bench/link: %zu of %d kiosks started and connected (is %s built?)\n",
                     fingerprints.size(), kiosks, qPrintable(kioskProcesses.helper()));
        return 1;
    }

    // Enrolment by the typed fingerprints; the journals follow at once.
    const auto enrolStarted = monotonicNs();
    for (const auto& [seat, fingerprint] : fingerprints) {
        if (!hub.enrol(seat, fingerprint, "bench-coordinator").ok()) {
            std::fprintf(stderr, "bench/link: %s not enrolled\n", seat.c_str());
            return 1;
        }
    }
    const bool absorbed =
        bench::runUntil([&] { return modelEvents >= expectedEvents; }, std::chrono::minutes(10));
    const auto lastStored = absorbed ? allStoredNs.load() : monotonicNs();
    const double absorbSeconds = double(lastStored - enrolStarted) / 1e9;
    const double storingSeconds = double(lastStored - firstStoredNs.load()) / 1e9;
    const long rssAfterJournals = bench::rssKiB();

    // Status: every kiosk once a second.
    kioskProcesses.startStatusPhase();
    const bool statusDone = bench::runUntil([&] { return kioskProcesses.done() == kiosks; },
                                            std::chrono::seconds(seconds + 60));
    bench::runUntil([] { return false; }, std::chrono::milliseconds(300)); // the last pushes
    const long rssAfterStatus = bench::rssKiB();
    kioskProcesses.stop();

    const double p50 = percentile(latenciesMs, 50);
    const double p99 = percentile(latenciesMs, 99);
    std::printf(
        "LAN link: %d kiosks, each a process of its own (bench/link_kiosk: sync::KioskLink, "
        "its own key and store), on loopback; status once a second for %d s; %d-event "
        "journals\n\n",
        kiosks, seconds, eventsPerKiosk);
    std::printf("  %-56s %12s\n", "measure", "value");
    std::printf("  %-56s %12zu\n", "status pushes received (each counted once)",
                latenciesMs.size());
    std::printf("  %-56s %12.2f\n", "status latency, kiosk push -> live room model, p50 (ms)", p50);
    std::printf("  %-56s %12.2f\n", "status latency p99 (ms)", p99);
    std::printf("  %-56s %12.2f\n", "status latency max (ms)", percentile(latenciesMs, 100));
    std::printf("  %-56s %12zu\n", "journal events verified and stored", stored.load());
    std::printf("  %-56s %12zu\n", "journal events in the live room's model", modelEvents);
    std::printf("  %-56s %12.0f\n", "journal events per second stored (first to last batch)",
                storingSeconds > 0 ? double(stored.load()) / storingSeconds : 0.0);
    std::printf("  %-56s %12.0f\n", "journal events per second from the first enrolment",
                absorbSeconds > 0 ? double(stored.load()) / absorbSeconds : 0.0);
    std::printf("  %-56s %12.1f\n", "console RSS before the kiosks (MiB)", rssBefore / 1024.0);
    std::printf("  %-56s %12.1f\n", "console RSS after the journals (MiB)",
                rssAfterJournals / 1024.0);
    std::printf("  %-56s %12.1f\n", "console RSS after the status phase (MiB)",
                rssAfterStatus / 1024.0);
    std::printf("  %-56s %12.1f\n", "console peak RSS (VmHWM, MiB)", peakRssKiB() / 1024.0);
    const bool met = p99 < kGoalP99Ms && !latenciesMs.empty();
    if (kiosks >= kGoalKiosks) {
        std::printf("\ngoal: status latency p99 < %.0f ms at %d kiosks: %s (p99 %.2f ms)\n",
                    kGoalP99Ms, kGoalKiosks, met ? "met" : "NOT met", p99);
    } else {
        std::printf("\ngoal: status latency p99 < %.0f ms at %d kiosks: not measured (this run: "
                    "%d kiosks, p99 %.2f ms)\n",
                    kGoalP99Ms, kGoalKiosks, kiosks, p99);
    }
    if (!absorbed || !statusDone) {
        std::printf("incomplete: %s\n", !absorbed ? "not every journal event arrived"
                                                  : "not every kiosk finished its status phase");
    }
    fs::remove_all(work);
    return absorbed && statusDone ? 0 : 1;
}
