#include "vigil/console/record_export.h"
#include "vigil/crypto/durable_file.h"

#include <QDir>

namespace vigil::console {

RecordResult<ExportedRecord> exportRecord(const RecordData& data,
                                          const crypto::SigningKeyPair& consoleKeys,
                                          const QString& folder, const QString& baseName) {
    auto signedRecord = signRecord(data, consoleKeys);
    if (!signedRecord) {
        return signedRecord.error();
    }
    const QDir directory(folder);
    ExportedRecord exported;
    exported.recordFile = directory.filePath(baseName + QStringLiteral(".vigil-record"));
    exported.pdf = directory.filePath(baseName + QStringLiteral(".pdf"));
    exported.csvBase = directory.filePath(baseName);
    exported.digest = signedRecord.value().digest;

    // The signed record is what the quality assurer verifies: never half-written. The PDF and
    // CSV files can be made again from it.
    std::string reason;
    if (!crypto::writeFileAtomically(exported.recordFile.toStdString(), signedRecord.value().bytes,
                                     0640, &reason)) {
        return RecordFailure(RecordError::ExportFailed, std::nullopt,
                             "the record could not be written: " + reason);
    }
    if (auto pdf = writeRecordPdf(data, exported.digest, exported.pdf); !pdf) {
        return pdf.error();
    }
    if (auto csv = writeRecordCsv(data, exported.csvBase); !csv) {
        return csv.error();
    }
    return exported;
}

} // namespace vigil::console
