#include "vigil/kiosk/practice_set.h"

#include <QFile>
#include <QObject>
#include <algorithm>
#include <system_error>

namespace vigil::kiosk {

namespace {

RefusedPracticeQuiz refusal(const std::filesystem::path& file, const StartupError& error,
                            const std::filesystem::path& dataDir) {
    const auto& result = error.result();
    // The Out of service table speaks of a seat's assessment; here the package is in the
    // practice folder and the wrong kind is the other way round.
    const QString reason =
        result.failure == StartupFailure::PackageWrongKind
            ? QObject::tr("This package is an invigilated assessment: it can never be taken as "
                          "practice.")
            : describe(result, dataDir).title;
    return {file, result.failure, reason};
}

} // namespace

bool seatConfAsksForPractice(const std::filesystem::path& seatConf) {
    QFile in(QString::fromStdString(seatConf.string()));
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return false;
    }
    while (!in.atEnd()) {
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        const auto equals = line.indexOf(u'=');
        if (!line.startsWith(u'#') && equals > 0 &&
            line.left(equals).trimmed() == QLatin1String("mode")) {
            return line.mid(equals + 1).trimmed() == QLatin1String("practice");
        }
    }
    return false;
}

PracticeSet loadPracticeSet(const std::filesystem::path& dataDir, const TrustMaterial& trust,
                            const exam::SeatIdentity& seat, std::int64_t nowMs) {
    PracticeSet set;
    const auto folder = dataDir / kPracticeFolder;
    std::vector<std::filesystem::path> assignments;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        if (entry.path().extension() == ".vseat") {
            assignments.push_back(entry.path());
        }
    }
    std::sort(assignments.begin(), assignments.end());
    for (const auto& assignmentFile : assignments) {
        auto packageFile = assignmentFile;
        packageFile.replace_extension(".vigil");
        try {
            auto opened = openSeat(assignmentFile, packageFile, trust, seat, nowMs, nullptr,
                                   exam::PackageKind::Practice);
            if (!exam::isPracticeAssignment(opened.assignment)) {
                set.refused.push_back(
                    {assignmentFile, StartupFailure::AssignmentAltered,
                     QObject::tr("This is a candidate's seat assignment, not a practice "
                                 "assignment (vigil-pack assign --practice).")});
                continue;
            }
            set.quizzes.push_back(
                {assignmentFile, opened.assignment.centreName, std::move(opened.assessment)});
        } catch (const StartupError& failure) {
            set.refused.push_back(refusal(assignmentFile, failure, dataDir));
        }
    }
    return set;
}

} // namespace vigil::kiosk
