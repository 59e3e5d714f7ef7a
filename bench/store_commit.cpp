// One durable "answer write" through vigil::store against a bare SQLCipher insert with the same
// key form and pragmas, in the same process, on the same disk. The two are interleaved so a
// change in disk load hits both alike. Usage: store_commit [folder] [writes]
#include "vigil/crypto/hash.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kCreateAnswer =
    "CREATE TABLE answer (id INTEGER PRIMARY KEY, sitting INTEGER NOT NULL, item TEXT NOT NULL,"
    " choice TEXT NOT NULL, answered_ms INTEGER NOT NULL)";
constexpr const char* kInsertAnswer =
    "INSERT INTO answer (sitting, item, choice, answered_ms) VALUES (?1, ?2, ?3, ?4)";

std::string hexOf(const vigil::crypto::SecureBuffer& key) {
    return vigil::crypto::toHex(key.span());
}

void must(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "bare %s failed: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

// The baseline: SQLCipher's own API, one statement prepared once, the pragmas the store sets.
class BareWriter {
public:
    BareWriter(const fs::path& file, const vigil::crypto::SecureBuffer& key) {
        must(db_,
             sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             nullptr),
             "open");
        const std::string pragmas = "PRAGMA key = \"x'" + hexOf(key) +
                                    "'\"; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                    " PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
        must(db_, sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr), "pragmas");
        must(db_, sqlite3_exec(db_, kCreateAnswer, nullptr, nullptr, nullptr), "create");
        must(db_, sqlite3_prepare_v2(db_, kInsertAnswer, -1, &insert_, nullptr), "prepare");
    }
    BareWriter(const BareWriter&) = delete;
    BareWriter& operator=(const BareWriter&) = delete;
    ~BareWriter() {
        sqlite3_finalize(insert_);
        sqlite3_close(db_);
    }

    void write(int sitting, const std::string& item, std::int64_t answeredMs) {
        sqlite3_bind_int64(insert_, 1, sitting);
        sqlite3_bind_text(insert_, 2, item.data(), static_cast<int>(item.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert_, 3, "C", 1, SQLITE_STATIC);
        sqlite3_bind_int64(insert_, 4, answeredMs);
        must(db_, sqlite3_step(insert_), "insert");
        sqlite3_reset(insert_);
    }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
};

struct Summary {
    double medianMs;
    double p99Ms;
    double meanMs;
};

Summary summarise(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    double total = 0;
    for (const double sample : samples) {
        total += sample;
    }
    const auto at = [&](double fraction) {
        return samples[static_cast<std::size_t>(fraction *
                                                static_cast<double>(samples.size() - 1))];
    };
    return {at(0.5), at(0.99), total / static_cast<double>(samples.size())};
}

template <class Write> double timeMs(Write&& write) {
    const auto start = Clock::now();
    write();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    const fs::path folder =
        argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "vigil-bench-store-commit";
    const int writes = argc > 2 ? std::atoi(argv[2]) : 2000;
    fs::create_directories(folder);
    for (const char* name : {"store.vigil", "bare.vigil"}) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(folder / (std::string(name) + suffix));
        }
    }

    try {
        const auto key = vigil::crypto::SecureBuffer::random(vigil::store::Database::kKeyBytes);
        const vigil::store::Migration schema[] = {{1, kCreateAnswer}};
        vigil::store::Database store =
            vigil::store::Database::open(folder / "store.vigil", key, schema);
        BareWriter bare(folder / "bare.vigil", key);

        std::vector<double> storeMs;
        std::vector<double> bareMs;
        for (int write = 0; write < writes; ++write) {
            const std::string item = "Q" + std::to_string(write % 40 + 1);
            const std::int64_t answeredMs = 1'700'000'000'000 + write;
            storeMs.push_back(timeMs([&] {
                store.cached(kInsertAnswer)
                    .bind(1, 7)
                    .bind(2, item)
                    .bind(3, "C")
                    .bind(4, answeredMs)
                    .run();
            }));
            bareMs.push_back(timeMs([&] { bare.write(7, item, answeredMs); }));
        }

        const Summary s = summarise(storeMs);
        const Summary b = summarise(bareMs);
        std::printf("durable answer write (WAL, synchronous=FULL, SQLCipher %s), %d each, in %s\n",
                    store.cipherVersion().c_str(), writes, folder.c_str());
        std::printf("%-22s %12s %12s %12s\n", "path", "median ms", "p99 ms", "mean ms");
        std::printf("%-22s %12.3f %12.3f %12.3f\n", "vigil::store", s.medianMs, s.p99Ms, s.meanMs);
        std::printf("%-22s %12.3f %12.3f %12.3f\n", "bare sqlite3_* insert", b.medianMs, b.p99Ms,
                    b.meanMs);
        std::printf("ratio: %.3f\n", s.medianMs / b.medianMs);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "store_commit: %s\n", error.what());
        return 1;
    }
    fs::remove_all(folder);
    return 0;
}
