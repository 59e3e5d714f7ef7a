#include "console_commands.h"
#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/key_files.h"

#include <QFile>
#include <cstdio>

namespace vigil::console::app {

int verifyRecordCommand(const QStringList& arguments) {
    QString recordPath;
    QString keyPath;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--console-key") && i + 1 < arguments.size()) {
            keyPath = arguments[++i];
        } else if (recordPath.isEmpty() && !arguments[i].startsWith(QLatin1String("--"))) {
            recordPath = arguments[i];
        } else {
            recordPath.clear();
            break;
        }
    }
    if (recordPath.isEmpty() || keyPath.isEmpty()) {
        std::fprintf(stderr, "usage: vigil-console verify-record FILE --console-key FILE\n");
        return 2;
    }
    const auto key = crypto::loadSigningPublicKey(keyPath.toStdString());
    if (!key) {
        std::fprintf(stderr, "vigil-console: %s: %s\n", qPrintable(keyPath),
                     std::string(crypto::describe(key.error())).c_str());
        return 2;
    }
    QFile file(recordPath);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "vigil-console: %s: %s\n", qPrintable(recordPath),
                     qPrintable(file.errorString()));
        return 1;
    }
    const auto bytes = file.readAll();
    const auto verified =
        verifyRecord(std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                               static_cast<std::size_t>(bytes.size())),
                     key.value());
    if (!verified) {
        const auto& failure = verified.error();
        std::printf("BROKEN: %s\n", failure.detail.empty()
                                        ? std::string(describe(failure.error)).c_str()
                                        : failure.detail.c_str());
        if (failure.entry) {
            std::printf("first broken entry: %llu\n",
                        static_cast<unsigned long long>(*failure.entry));
        }
        return 1;
    }
    const auto& session = verified.value().data.session;
    std::printf("OK %s\n", crypto::toHex(verified.value().digest).c_str());
    std::printf("session %s, %s, %s %s, %zu candidates, %zu incident entries\n",
                session.sessionId.c_str(), session.room.c_str(), session.date.c_str(),
                session.startTime.c_str(), verified.value().data.candidates.size(),
                verified.value().data.incidents.size());
    return 0;
}

} // namespace vigil::console::app
