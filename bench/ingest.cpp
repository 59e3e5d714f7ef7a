// Ingest (issue 13, "Benchmarks"): how many records the awarding body's receiver takes in per
// second, and the request latency its centres see, with 200 centres uploading at once: the real
// `vigil-syncd serve` processes (the binary, set up with `vigil-syncd init` on a configuration
// file), on the embedded store and on a private PostgreSQL server with PostgreSQL's durable
// defaults (each commit flushed), one to four instances on one database as behind a load
// balancer. The embedded store is one process's (sync/receiver/README.md), so it runs as one.
//
// Each centre is a thread of this process with its own Ed25519 key (registered through the
// library `vigil-syncd register-centre` calls) and the centre's own upload client
// (sync::UploadClient: TLS 1.3, the receiver's key pinned and its host name checked, every
// request signed afresh, one connection kept alive as the console's outbox sender keeps it), the
// centres spread over the instances in turn. What it sends are real result records: each made
// and signed by a kiosk key and sealed to the awarding body's box key by exam::sealResultRecord,
// the kiosk's own call, a 40-item paper's responses in each. Every centre sends one record
// first (its TLS handshake, not timed); then the clock starts and each sends its records as the
// outbox does: what waits in batches (--batch records to a request, upload_batch.h), the batches
// one after the other. A record's latency is its request's, until its receipt is back; each
// receipt is then checked as the outbox checks it (the receiver's signature, this centre, this
// item) outside the timing. A failure the sender would retry (a connection the receiver
// closed, a 503) is retried at once and counted; any other is counted as failed. At the end the
// instances are stopped and the store is opened to count what it holds: every record exactly
// once, or the row says it is not.
//
// CPU time is read from /proc for the receiver processes, the PostgreSQL server (postmaster and
// backends) and this process (the centres' clients), and the whole machine's busy share, since
// the machine it runs on may be shared.
//
// Usage: ingest [--centres N] [--records N] [--batch N] [--instances 1,2,4] [--threads N]
//               [--store embedded|postgres|both] [--work DIR] [--postgres-fsync-off]
// (200 centres, 25 records each sent as one batch (--batch 1: one request per record),
// instances 1,2,4 on PostgreSQL, vigil-syncd's default request
// threads per instance (no `threads` line written), both stores, a folder made in the current
// one: put it on the disk the receiver will use, since the commits' flushes are part of it.)
#include "postgres_server.h"
#include "process_cpu.h"
#include "syncd_process.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/result_record.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/syncd_config.h"
#include "vigil/sync/upload_client.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <latch>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    int centres = 200;
    int recordsPerCentre = 25;
    std::vector<int> instanceCounts{1, 2, 4};
    std::optional<int> threads; // none: vigil-syncd's default
    // Records per request: the outbox sends what waits in one batch (upload_batch.h); 1 sends
    // each record alone (POST /v1/items), as before batches.
    std::size_t batch = 25;
    bool embedded = true;
    bool postgres = true;
    // PostgreSQL as the tests run it (fsync off): the share of the commits' flushes, for
    // comparison only; the goal is measured durable.
    bool postgresFsyncOff = false;
    QString work = ".";
};

// A centre as the receiver knows it, and what it will send.
struct Centre {
    std::string id;
    crypto::SigningKeyPair keys = crypto::generateSigningKeyPair();
    std::vector<std::uint8_t> warmUp;
    std::vector<std::vector<std::uint8_t>> records;
};

struct Row {
    std::string store;
    int instances = 0;
    double seconds = 0;
    std::size_t sent = 0;
    std::size_t retries = 0;
    std::size_t failed = 0; // refused, or a receipt that does not check
    std::int64_t held = 0;
    std::int64_t expectedHeld = 0;
    bool stoppedCleanly = true;
    std::vector<double> latenciesMs;
    double syncdCpu = 0, postgresCpu = 0, clientsCpu = 0;
    double machineBusy = 0; // share of all cores, 0..1
    double loadBefore = 0;
};

crypto::Digest digestOf(const std::string& text) {
    return crypto::blake2b(
        std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// A result record as a kiosk issues it at the end of a 40-item sitting: signed by the kiosk's
// key and sealed to the awarding body (exam::sealResultRecord), so its size and its bytes (its
// id) are a real record's.
std::vector<std::uint8_t> sealedResult(const std::string& centreId, int sitting,
                                       const crypto::SigningKeyPair& kiosk,
                                       const crypto::BoxPublicKey& awardingBody) {
    exam::ResultRecord record;
    record.sessionId = centreId + "-2026-12-02-AM";
    record.seat = "PC" + std::to_string(1 + sitting % 60);
    record.candidateRegistration = "R" + std::to_string(100000 + sitting);
    record.sittingId = record.sessionId + "-" + record.seat + "-" + record.candidateRegistration;
    record.centreId = centreId;
    record.assessmentId = "MOT-G2-2026A";
    record.assessmentVersion = "2026.1";
    record.startedWallMs = 1'796'202'000'000 + std::int64_t(sitting) * 60'000;
    record.timeUsedMs = std::int64_t(35 + sitting % 30) * 60'000;
    record.submittedWallMs = record.startedWallMs + record.timeUsedMs;
    for (int item = 0; item < 40; ++item) {
        const bool right = (item + sitting) % 4 != 0;
        record.responses.push_back({"MOT-Q" + std::to_string(100 + item),
                                    {std::string(1, char('A' + (item + sitting) % 4))},
                                    right ? 1.0 : 0.0,
                                    1.0});
        record.score += record.responses.back().score;
    }
    record.maxScore = 40;
    record.percentage = record.score * 100 / record.maxScore;
    record.passed = record.percentage >= 70;
    record.journalSequence = 90 + sitting % 7;
    record.journalHead = digestOf(record.sittingId + "/submitted");
    record.assignmentDigest = digestOf(record.sittingId + "/assignment");
    record.packageDigest = digestOf("MOT-G2-2026A/package");
    return exam::sealResultRecord(record, kiosk, awardingBody);
}

std::vector<Centre> makeCentres(const Settings& settings) {
    const auto awardingBody = crypto::generateBoxKeyPair();
    std::vector<Centre> centres(std::size_t(settings.centres));
    for (std::size_t c = 0; c < centres.size(); ++c) {
        auto& centre = centres[c];
        centre.id = "C" + std::to_string(1000 + c);
        const auto kiosk = crypto::generateSigningKeyPair();
        centre.warmUp = sealedResult(centre.id, 0, kiosk, awardingBody.publicKey);
        for (int r = 1; r <= settings.recordsPerCentre; ++r) {
            centre.records.push_back(sealedResult(centre.id, r, kiosk, awardingBody.publicKey));
        }
    }
    return centres;
}

QString writeConfig(const QString& path, const QString& body) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(body.toUtf8()) < 0) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
    return path;
}

// `vigil-syncd init`: the receiver key it prints.
crypto::SigningPublicKey initReceiver(const QString& config) {
    QProcess init;
    init.setProcessChannelMode(QProcess::MergedChannels);
    init.start(VIGIL_SYNCD, {"init", "--config", config});
    init.waitForFinished(60'000);
    const auto output = QString::fromUtf8(init.readAll());
    const auto match = QRegularExpression("receiver key ([0-9a-f]{64})").match(output);
    crypto::SigningPublicKey key{};
    if (init.exitCode() != 0 || !match.hasMatch() ||
        !crypto::fromHex(match.captured(1).toStdString(), key)) {
        throw std::runtime_error("vigil-syncd init failed: " + output.toStdString());
    }
    return key;
}

std::unique_ptr<receiver::ReceiverStore> openStore(const QString& config) {
    const auto parsed = receiver::readSyncdConfig(config.toStdString());
    if (!parsed) {
        throw std::runtime_error(parsed.error().describe());
    }
    return receiver::openConfiguredStore(parsed.value());
}

// PostgreSQL's server process, from the postmaster.pid in its data directory.
long postmasterPid(const std::string& conninfo) {
    PGconn* connection = PQconnectdb(conninfo.c_str());
    PGresult* result = PQexec(connection, "SHOW data_directory");
    std::string dataDir;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
        dataDir = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
    PQfinish(connection);
    QFile file(QString::fromStdString(dataDir + "/postmaster.pid"));
    return file.open(QIODevice::ReadOnly) ? file.readLine().trimmed().toLong() : 0;
}

// One centre's run: the warm-up upload, then (once every centre is connected) its records.
void runCentre(const Centre& centre, const sync::ReceiverEndpoint& endpoint, std::size_t batch,
               std::latch& ready, std::latch& go, std::vector<double>& latenciesMs,
               std::atomic<std::size_t>& retries, std::atomic<std::size_t>& failed) {
    sync::UploadClient client(endpoint, centre.id, centre.keys);
    // As the outbox sender: a retryable failure is sent again (here at once), anything else is
    // the item's refusal; the receipt must be the receiver's, for this centre and this item.
    // A record's latency runs until its receipt, retries included.
    auto send = [&](const std::vector<std::uint8_t>& bytes, bool timed) {
        const auto start = Clock::now();
        auto record = [&] {
            if (timed) {
                latenciesMs.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            }
        };
        for (int attempt = 1; attempt <= 5; ++attempt) {
            const auto receipt = client.upload(receiver::ItemKind::ResultRecord, bytes);
            if (receipt) {
                record();
                const bool holds = receiver::verifyReceipt(endpoint.receiverKey, receipt.value()) &&
                                   receipt.value().centreId == centre.id &&
                                   receipt.value().itemId == receiver::itemIdOf(bytes);
                if (!holds) {
                    ++failed;
                }
                return;
            }
            if (!receipt.error().retryable()) {
                std::fprintf(stderr, "%s: %s\n", centre.id.c_str(),
                             sync::describe(receipt.error()).c_str());
                break;
            }
            ++retries;
        }
        record();
        ++failed;
    };
    // A batch: one request for `items`, each answer checked as above; the latency of each
    // record is its batch's.
    auto sendBatch = [&](std::span<const std::vector<std::uint8_t>> records) {
        std::vector<receiver::BatchItem> items;
        for (const auto& bytes : records) {
            items.push_back({receiver::ItemKind::ResultRecord, bytes});
        }
        const auto start = Clock::now();
        for (int attempt = 1; attempt <= 5; ++attempt) {
            const auto answers = client.uploadBatch(items);
            if (answers) {
                const auto ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                for (std::size_t i = 0; i < records.size(); ++i) {
                    latenciesMs.push_back(ms);
                    const auto& answer = answers.value()[i];
                    const bool holds =
                        answer && receiver::verifyReceipt(endpoint.receiverKey, answer.value()) &&
                        answer.value().centreId == centre.id &&
                        answer.value().itemId == receiver::itemIdOf(records[i]);
                    if (!holds) {
                        ++failed;
                    }
                }
                return;
            }
            if (!answers.error().retryable()) {
                std::fprintf(stderr, "%s: %s\n", centre.id.c_str(),
                             sync::describe(answers.error()).c_str());
                break;
            }
            ++retries;
        }
        failed += records.size();
    };
    send(centre.warmUp, false);
    ready.count_down();
    go.wait();
    const std::span<const std::vector<std::uint8_t>> all(centre.records);
    for (std::size_t first = 0; first < all.size(); first += batch) {
        const auto records = all.subspan(first, std::min(batch, all.size() - first));
        if (records.size() == 1) {
            send(records.front(), true);
        } else {
            sendBatch(records);
        }
    }
}

// Sends every centre's records to these instances, stops them, and counts what the store holds.
Row run(const std::string& storeName, const std::vector<QString>& configs,
        const crypto::SigningPublicKey& receiverKey, const std::vector<Centre>& centres,
        std::size_t batch, const std::vector<long>& databasePids) {
    {
        const auto store = openStore(configs.front());
        for (const auto& centre : centres) {
            store->registerCentre({centre.id, centre.keys.publicKey});
        }
    }
    std::vector<std::unique_ptr<testing::SyncdProcess>> instances;
    std::vector<long> syncdPids;
    for (const auto& config : configs) {
        instances.push_back(std::make_unique<testing::SyncdProcess>(VIGIL_SYNCD, config));
        syncdPids.push_back(long(instances.back()->processId()));
    }

    Row row;
    row.store = storeName;
    row.instances = int(configs.size());
    std::latch ready(std::ptrdiff_t(centres.size()) + 1);
    std::latch go(1);
    std::atomic<std::size_t> retries{0};
    std::atomic<std::size_t> failed{0};
    std::vector<std::vector<double>> latencies(centres.size());
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < centres.size(); ++c) {
        const sync::ReceiverEndpoint endpoint{"localhost", instances[c % instances.size()]->port(),
                                              receiverKey};
        threads.emplace_back(runCentre, std::cref(centres[c]), endpoint, batch, std::ref(ready),
                             std::ref(go), std::ref(latencies[c]), std::ref(retries),
                             std::ref(failed));
    }
    ready.arrive_and_wait();
    const auto warmedUpFailures = failed.load();
    const auto syncdBefore = bench::cpuOfTrees(syncdPids);
    const auto databaseBefore = bench::cpuOfTrees(databasePids);
    const auto selfBefore = bench::procStat(::getpid()).cpuSeconds;
    const auto machineBefore = bench::machineCpu();
    row.loadBefore = bench::loadAverage();
    const auto start = Clock::now();
    go.count_down();
    for (auto& thread : threads) {
        thread.join();
    }
    row.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const auto machineAfter = bench::machineCpu();
    row.syncdCpu = bench::cpuBetween(syncdBefore, bench::cpuOfTrees(syncdPids));
    row.postgresCpu = bench::cpuBetween(databaseBefore, bench::cpuOfTrees(databasePids));
    row.clientsCpu = bench::procStat(::getpid()).cpuSeconds - selfBefore;
    row.machineBusy = (machineAfter.busy - machineBefore.busy) /
                      std::max(1.0, machineAfter.total - machineBefore.total);
    for (auto& instance : instances) {
        row.stoppedCleanly = instance->stop() == 0 && row.stoppedCleanly;
    }
    instances.clear();

    row.failed = failed.load();
    if (warmedUpFailures != 0) {
        std::fprintf(stderr, "%zu warm-up uploads failed\n", warmedUpFailures);
    }
    row.retries = retries.load();
    for (std::size_t c = 0; c < centres.size(); ++c) {
        row.sent += centres[c].records.size();
        row.latenciesMs.insert(row.latenciesMs.end(), latencies[c].begin(), latencies[c].end());
    }
    std::sort(row.latenciesMs.begin(), row.latenciesMs.end());
    row.expectedHeld = std::int64_t(centres.size()) + std::int64_t(row.sent);
    row.held = openStore(configs.front())->itemCount();
    return row;
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    const auto rank = std::size_t(std::ceil(p * double(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

void printHeader() {
    std::printf("| store | instances | records | retried | failed | held (expected) | seconds | "
                "records/s | p50 ms | p99 ms | max ms | syncd CPU ms/record | PostgreSQL CPU "
                "ms/record | centres' CPU ms/record | machine busy | load before |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

void print(const Row& row) {
    const double perRecord = 1000.0 / double(std::max<std::size_t>(1, row.sent));
    std::printf("| %s | %d | %zu | %zu | %zu | %lld (%lld)%s | %.2f | %.0f | %.1f | %.1f | %.1f | "
                "%.3f | %s | %.3f | %.0f %% | %.1f |\n",
                row.store.c_str(), row.instances, row.sent, row.retries, row.failed,
                static_cast<long long>(row.held), static_cast<long long>(row.expectedHeld),
                row.held == row.expectedHeld ? "" : " **NOT exactly once**", row.seconds,
                double(row.sent) / row.seconds, percentile(row.latenciesMs, 0.50),
                percentile(row.latenciesMs, 0.99),
                row.latenciesMs.empty() ? 0.0 : row.latenciesMs.back(), row.syncdCpu * perRecord,
                row.store == "embedded"
                    ? "-"
                    : QByteArray::number(row.postgresCpu * perRecord, 'f', 3).constData(),
                row.clientsCpu * perRecord, row.machineBusy * 100, row.loadBefore);
    if (!row.stoppedCleanly) {
        std::printf("(an instance did not stop cleanly on SIGTERM)\n");
    }
    std::fflush(stdout);
}

std::optional<QString> option(int argc, char** argv, const char* name) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string_view(argv[i]) == name) {
            return QString::fromLocal8Bit(argv[i + 1]);
        }
    }
    return std::nullopt;
}

Settings parse(int argc, char** argv) {
    Settings settings;
    auto positive = [&](const char* name, int fallback) {
        const auto value = option(argc, argv, name);
        return value ? std::max(1, value->toInt()) : fallback;
    };
    settings.centres = positive("--centres", settings.centres);
    settings.recordsPerCentre = positive("--records", settings.recordsPerCentre);
    settings.batch = std::size_t(positive("--batch", int(settings.batch)));
    if (option(argc, argv, "--threads")) {
        settings.threads = positive("--threads", 1);
    }
    if (const auto counts = option(argc, argv, "--instances")) {
        settings.instanceCounts.clear();
        for (const auto& count : counts->split(',', Qt::SkipEmptyParts)) {
            settings.instanceCounts.push_back(std::max(1, count.toInt()));
        }
    }
    if (const auto store = option(argc, argv, "--store")) {
        settings.embedded = *store != "postgres";
        settings.postgres = *store != "embedded";
    }
    settings.work = option(argc, argv, "--work").value_or(settings.work);
    settings.postgresFsyncOff =
        std::find(argv + 1, argv + argc, std::string_view("--postgres-fsync-off")) != argv + argc;
    return settings;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv); // QProcess, and the private PostgreSQL server's tools
    const auto settings = parse(argc, argv);
    QTemporaryDir work(settings.work + "/vigil-ingest-XXXXXX");
    if (!work.isValid()) {
        std::fprintf(stderr, "ingest: cannot make a folder in %s\n", qPrintable(settings.work));
        return 1;
    }
    const auto centres = makeCentres(settings);
    std::printf("ingest: %d centres x %d sealed result records (%zu bytes each), after one "
                "warm-up upload each, %zu records per request; vigil-syncd %s, threads = %s per "
                "instance; %u cores; work folder %s\n\n",
                settings.centres, settings.recordsPerCentre, centres.front().records.front().size(),
                settings.batch, VIGIL_SYNCD,
                settings.threads ? std::to_string(*settings.threads).c_str() : "its default",
                std::thread::hardware_concurrency(), qPrintable(work.path()));
    printHeader();

    std::vector<Row> rows;
    const auto threads =
        settings.threads ? QString("threads = %1\n").arg(*settings.threads) : QString();
    if (settings.embedded) {
        const auto config = writeConfig(work.filePath("embedded.conf"),
                                        "listen = 127.0.0.1:0\nreceiver-key = receiver.key\n"
                                        "store = embedded\nstore-path = syncd.db\n"
                                        "store-key = store.key\n" +
                                            threads);
        rows.push_back(
            run("embedded", {config}, initReceiver(config), centres, settings.batch, {}));
        print(rows.back());
    }
    if (settings.postgres) {
        // PostgreSQL's defaults: fsync on, synchronous_commit on (each commit flushed).
        testing::PostgresServer postgres(settings.postgresFsyncOff
                                             ? testing::PostgresServer::Durability::FsyncOff
                                             : testing::PostgresServer::Durability::Durable);
        for (const int count : settings.instanceCounts) {
            const auto conninfo = postgres.freshDatabase();
            std::vector<QString> configs;
            for (int i = 0; i < count; ++i) {
                configs.push_back(writeConfig(
                    work.filePath(QString("postgres-%1-%2.conf").arg(count).arg(i)),
                    "listen = 127.0.0.1:0\nreceiver-key = receiver.key\nstore = postgres\n"
                    "postgres = " +
                        QString::fromStdString(conninfo) + "\n" + threads));
            }
            const auto receiverKey = initReceiver(configs.front());
            rows.push_back(run(settings.postgresFsyncOff ? "postgres, fsync off" : "postgres",
                               configs, receiverKey, centres, settings.batch,
                               {postmasterPid(conninfo)}));
            print(rows.back());
        }
    }

    // Issue 13's goal: 5,000 records/s on PostgreSQL on one core. Records per second of the
    // receivers' own CPU time is that figure for the receiver alone (the database's is beside it).
    for (const auto& row : rows) {
        if (row.store == "postgres") {
            const double perCore = double(row.sent) / std::max(1e-9, row.syncdCpu);
            std::printf("\npostgres, %d instance(s): %.0f records/s wall, %.0f records per "
                        "second of vigil-syncd CPU; goal 5,000/s: %s",
                        row.instances, double(row.sent) / row.seconds, perCore,
                        double(row.sent) / row.seconds >= 5000 ? "met" : "NOT met");
        }
    }
    std::printf("\n");
    const bool exactlyOnce = std::all_of(rows.begin(), rows.end(), [](const Row& row) {
        return row.held == row.expectedHeld && row.failed == 0;
    });
    if (!exactlyOnce) {
        std::printf("a record failed or the store does not hold every record once (see above)\n");
    }
    return exactlyOnce ? 0 : 1;
}
