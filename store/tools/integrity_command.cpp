#include "integrity_command.h"

#include "vigil/store/database.h"
#include "vigil/store/key_file.h"

namespace vigil::store::tools {

int runIntegrityCheck(const std::filesystem::path& database, const std::filesystem::path& keyFile,
                      std::ostream& out) {
    try {
        const crypto::SecureBuffer key = loadHexKeyFile(keyFile);
        Database db = Database::open(database, key, {}, OpenMode::MustExist);
        const IntegrityReport report = db.checkIntegrity();
        if (report.ok) {
            out << database.string() << ": intact (schema version " << db.schemaVersion()
                << ", SQLCipher " << db.cipherVersion() << ")\n";
            return 0;
        }
        out << database.string() << ": DAMAGED, " << report.problems.size() << " problem(s):\n";
        for (const std::string& problem : report.problems) {
            out << "  " << problem << '\n';
        }
        return 1;
    } catch (const StoreError& error) {
        out << "vigil-store check: " << error.what() << '\n';
        return 1;
    }
}

} // namespace vigil::store::tools
