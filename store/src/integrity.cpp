#include "vigil/store/database.h"

#include <sqlite3.h>
#include <string>
#include <vector>

namespace vigil::store {

namespace {

std::string quoteIdentifier(const std::string& name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

int cipherMajorVersion(sqlite3* db) {
    Statement statement(db, "PRAGMA cipher_version");
    return statement.step() ? std::stoi(statement.text(0)) : 0;
}

} // namespace

IntegrityReport Database::checkIntegrity() {
    IntegrityReport report;
    const auto problem = [&report](std::string text) {
        report.ok = false;
        report.problems.push_back(std::move(text));
    };

    // Walks every b-tree page, overflow chain and the free list; a page whose HMAC fails to
    // verify comes back as "unable to get the page".
    try {
        Statement check(db_, "PRAGMA integrity_check");
        while (check.step()) {
            if (std::string line = check.text(0); line != "ok") {
                problem(std::move(line));
            }
        }
    } catch (const StoreError& error) {
        problem(error.what());
    }

    // SQLCipher 4 checks every page's HMAC itself, including pages outside any b-tree.
    try {
        if (cipherMajorVersion(db_) >= 4) {
            Statement check(db_, "PRAGMA cipher_integrity_check");
            while (check.step()) {
                problem(check.text(0));
            }
        }
    } catch (const StoreError& error) {
        problem(error.what());
    }

    // Stepping through every row materialises every column (overflow pages included), so each
    // data page is decrypted and authenticated once more through the read path the apps use.
    std::vector<std::string> tables;
    try {
        Statement list(db_, "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0");
        while (list.step()) {
            tables.push_back(list.text(0));
        }
    } catch (const StoreError& error) {
        problem(error.what());
    }
    for (const std::string& table : tables) {
        try {
            Statement rows(db_, "SELECT * FROM " + quoteIdentifier(table));
            while (rows.step()) {
            }
        } catch (const StoreError& error) {
            problem("table " + table + ": " + error.what());
        }
    }
    return report;
}

} // namespace vigil::store
