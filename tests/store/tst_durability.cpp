#include "store_test_support.h"
#include "vigil/store/database.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <poll.h>
#include <set>
#include <signal.h>
#include <sys/wait.h>

using namespace vigil::store;
using namespace vigil::store::test;
namespace fs = std::filesystem;

namespace {

constexpr Migration kSchema[] = {
    {1, "CREATE TABLE answer (id INTEGER PRIMARY KEY, item TEXT NOT NULL, choice TEXT NOT NULL)"},
};
constexpr int kIterations = 120;
constexpr int kMaxLifeMs = 40;

// The writer: every row is acknowledged on the pipe only after the store call that wrote it
// returned. Single rows autocommit; every fourth write is a two-row transaction.
[[noreturn]] void writeUntilKilled(const fs::path& path, const vigil::crypto::SecureBuffer& key,
                                   std::int64_t firstId, int ackPipe) {
    try {
        Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
        const auto insert = [&db](std::int64_t id) {
            db.cached("INSERT INTO answer (id, item, choice) VALUES (?1, ?2, ?3)")
                .bind(1, id)
                .bind(2, "Q" + std::to_string(id))
                .bind(3, "C")
                .run();
        };
        for (std::int64_t id = firstId;; ++id) {
            if (id % 4 == 0) {
                db.transaction([&] {
                    insert(id);
                    insert(id + 1);
                });
                const std::int64_t acks[2] = {id, id + 1};
                if (::write(ackPipe, acks, sizeof acks) != sizeof acks) {
                    ::_exit(4);
                }
                ++id;
            } else {
                insert(id);
                if (::write(ackPipe, &id, sizeof id) != sizeof id) {
                    ::_exit(4);
                }
            }
        }
    } catch (const StoreError&) {
        ::_exit(3);
    }
}

} // namespace

class DurabilityTest : public QObject {
    Q_OBJECT

private slots:
    void everyAcknowledgedRowSurvivesKillNine() {
        QTemporaryDir dir;
        const fs::path path = fs::path(dir.path().toStdString()) / "answers.vigil";
        const auto key = randomKey();
        { Database db = Database::open(path, key, kSchema); }

        QRandomGenerator random(20240611);
        std::set<std::int64_t> acknowledged;
        std::int64_t nextId = 1;
        int killedMidWrite = 0;
        QElapsedTimer clock;
        clock.start();
        for (int iteration = 0; iteration < kIterations; ++iteration) {
            int ackPipe[2];
            QCOMPARE(::pipe(ackPipe), 0);
            const pid_t child = ::fork(); // no connection is open across the fork
            QVERIFY(child >= 0);
            if (child == 0) {
                ::close(ackPipe[0]);
                writeUntilKilled(path, key, nextId, ackPipe[1]);
            }
            ::close(ackPipe[1]);

            // Most writers are killed at a random moment after their first acknowledged write
            // (mid-commit, between commits); every eighth at a random moment from its start
            // (mid-open). Commits take a few ms on a loaded disk, so waits are relative to them.
            const bool waitForFirstWrite = iteration % 8 != 0;
            const int lifeMs = random.bounded(kMaxLifeMs + 1);
            QElapsedTimer life;
            life.start();
            bool wrote = false;
            std::int64_t ack = 0;
            while ((waitForFirstWrite && !wrote && life.elapsed() < 5000) ||
                   life.elapsed() < lifeMs) {
                pollfd readable{ackPipe[0], POLLIN, 0};
                if (::poll(&readable, 1, 1) > 0 &&
                    ::read(ackPipe[0], &ack, sizeof ack) == sizeof ack) {
                    acknowledged.insert(ack);
                    if (!wrote) {
                        wrote = true;
                        life.restart();
                    }
                }
            }
            ::kill(child, SIGKILL);
            while (::read(ackPipe[0], &ack, sizeof ack) == sizeof ack) { // those already sent
                acknowledged.insert(ack);
            }
            ::close(ackPipe[0]);
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY2(
                WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                qPrintable(QStringLiteral("the writer stopped by itself (status %1)").arg(status)));

            Database db = Database::open(path, key, kSchema, OpenMode::MustExist);
            std::set<std::int64_t> stored;
            Statement ids = db.prepare("SELECT id FROM answer");
            while (ids.step()) {
                stored.insert(ids.int64(0));
            }
            for (const std::int64_t id : acknowledged) {
                QVERIFY2(stored.contains(id),
                         qPrintable(QStringLiteral("acknowledged row %1 lost after kill -9 in "
                                                   "iteration %2")
                                        .arg(id)
                                        .arg(iteration)));
            }
            if (!stored.empty()) {
                if (acknowledged.empty() || *stored.rbegin() > *acknowledged.rbegin()) {
                    ++killedMidWrite; // a commit landed whose acknowledgement never left
                }
                nextId = *stored.rbegin() + 1;
            }
            if (iteration % 20 == 19 || iteration == kIterations - 1) {
                const IntegrityReport report = db.checkIntegrity();
                QVERIFY2(report.ok, report.ok ? "" : report.problems.front().c_str());
            }
        }
        qInfo("%d kills, %zu acknowledged rows, %d commits caught between write and ack, %lld ms",
              kIterations, acknowledged.size(), killedMidWrite,
              static_cast<long long>(clock.elapsed()));
        QVERIFY2(acknowledged.size() > static_cast<std::size_t>(kIterations),
                 "the writers were killed before writing anything: the test proved nothing");
    }
};

QTEST_GUILESS_MAIN(DurabilityTest)
#include "tst_durability.moc"
