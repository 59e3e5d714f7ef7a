#include "self_check.h"

#include "file_bytes.h"
#include "vigil/crypto/random.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <cstdlib>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

namespace vigil::store::tools {

namespace fs = std::filesystem;

namespace {

constexpr Migration kSelfCheckSchema[] = {
    {1, "CREATE TABLE self_check (id INTEGER PRIMARY KEY, note TEXT NOT NULL)"},
};
constexpr int kRows = 50;

std::string randomHex(std::size_t bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const std::uint8_t byte : crypto::randomBytes(bytes)) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0x0f];
    }
    return hex;
}

// A folder of our own under the system's temporary folder, removed when done.
class ScratchFolder {
public:
    ScratchFolder() {
        std::string pattern =
            (fs::temp_directory_path() / "vigil-store-self-check-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::system_error(errno, std::generic_category(),
                                    "cannot create a temporary folder");
        }
        path_ = pattern;
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    ~ScratchFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

class Checklist {
public:
    explicit Checklist(std::ostream& out)
        : out_(out) {}

    // Runs one check; a check passes by returning an empty string, fails with the reason.
    void check(const std::string& what, const std::function<std::string()>& run) {
        std::string failure;
        try {
            failure = run();
        } catch (const std::exception& error) {
            failure = error.what();
        }
        ++total_;
        if (failure.empty()) {
            ++passed_;
            out_ << "  ok    " << what << '\n';
        } else {
            out_ << "  FAIL  " << what << ": " << failure << '\n';
        }
    }

    int finish() {
        const bool allPassed = passed_ == total_;
        out_ << "result: " << (allPassed ? "passed" : "FAILED") << " (" << passed_ << " of "
             << total_ << " checks)\n";
        return allPassed ? 0 : 1;
    }

private:
    std::ostream& out_;
    int passed_ = 0;
    int total_ = 0;
};

} // namespace

int runSelfCheck(std::ostream& out) {
    out << "vigil-store self-check\n";
    Checklist checklist(out);
    try {
        const ScratchFolder folder;
        const fs::path file = folder.path() / "self-check.vigil";
        const crypto::SecureBuffer key = crypto::SecureBuffer::random(Database::kKeyBytes);
        const std::string marker = "vigil-self-check-marker-" + randomHex(8);

        checklist.check("create an encrypted store, write " + std::to_string(kRows) +
                            " rows, none readable in the WAL",
                        [&] {
                            Database db = Database::open(file, key, kSelfCheckSchema);
                            out << "        SQLCipher " << db.cipherVersion() << ", "
                                << file.string() << '\n';
                            for (int row = 0; row < kRows; ++row) {
                                db.cached("INSERT INTO self_check (note) VALUES (?1)")
                                    .bind(1, marker + "-" + std::to_string(row))
                                    .run();
                            }
                            // The rows are still in the WAL here, not yet checkpointed.
                            return anyStoreFileContains(file, marker)
                                       ? std::string("the marker is readable in the WAL")
                                       : std::string();
                        });
        checklist.check("reopen with the same key and read every row back", [&] {
            Database db = Database::open(file, key, kSelfCheckSchema, OpenMode::MustExist);
            Statement count = db.prepare("SELECT count(*) FROM self_check WHERE note LIKE ?1");
            count.bind(1, marker + "-%");
            const std::int64_t rows = count.step() ? count.int64(0) : 0;
            return rows == kRows
                       ? std::string()
                       : "found " + std::to_string(rows) + " of " + std::to_string(kRows) + " rows";
        });
        checklist.check("file on disk is encrypted (no SQLite header, no plaintext marker)", [&] {
            const std::string bytes = readFileBytes(file);
            if (bytes.empty()) {
                return std::string("the database file is empty");
            }
            if (bytes.starts_with(std::string_view("SQLite format 3\0", 16))) {
                return std::string("the file starts with the plaintext SQLite header");
            }
            return anyStoreFileContains(file, marker)
                       ? std::string("the marker is readable in the files")
                       : std::string();
        });
        checklist.check("integrity check passes", [&] {
            Database db = Database::open(file, key, kSelfCheckSchema, OpenMode::MustExist);
            const IntegrityReport report = db.checkIntegrity();
            return report.ok ? std::string() : report.problems.front();
        });
        checklist.check("a wrong key is refused and the file is left unchanged", [&] {
            const std::string before = readFileBytes(file);
            const crypto::SecureBuffer wrongKey = crypto::SecureBuffer::random(Database::kKeyBytes);
            try {
                Database db = Database::open(file, wrongKey, kSelfCheckSchema);
                return std::string("the store opened with a wrong key");
            } catch (const StoreError& error) {
                if (error.code() != StoreErrorCode::WrongKey) {
                    return std::string("refused, but not as a wrong key: ") + error.what();
                }
            }
            return readFileBytes(file) == before ? std::string() : std::string("the file changed");
        });
    } catch (const std::exception& error) {
        checklist.check("set up a temporary folder", [&] { return std::string(error.what()); });
    }
    return checklist.finish();
}

} // namespace vigil::store::tools
