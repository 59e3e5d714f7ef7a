#include "console_controller.h"

#include "vigil/console/candidate_csv.h"
#include "vigil/console/incident.h"
#include "vigil/crypto/hash.h"

#include <QDateTime>
#include <QTimeZone>
#include <set>

namespace vigil::console {

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}
std::string s(const QVariant& value) {
    return value.toString().toStdString();
}
QString sentence(const ConsoleFailure& failure) {
    return q(describe(failure));
}

} // namespace

ConsoleController::ConsoleController(const ConsoleDataDir& dataDir, const exam::Clock& clock,
                                     LinkSettings link, QObject* parent)
    : QObject(parent)
    , clock_(clock)
    , link_(std::move(link)) {
    auto opened = ConsoleService::open(dataDir, clock_, link_.heartbeat);
    if (!opened) {
        problem_ = sentence(opened.error());
        screen_ = QStringLiteral("unavailable");
        return;
    }
    service_ = std::move(opened).value();
    outbox_.watchStore(dataDir.storeFile()); // the command line may change it meanwhile
    screen_ = service_->hasCentre() ? QStringLiteral("signIn") : QStringLiteral("firstRun");
    if (service_->hasCentre()) {
        startLink();
    }
}

ConsoleController::~ConsoleController() = default;

void ConsoleController::startLink() {
    if (auto port = service_->startLink(link_); !port) {
        problem_ = sentence(port.error()); // the screens still work; kiosks cannot connect
    }
    (void)
        service_->startProblemReportCourier(); // question problems go to the awarding body at once
}

void ConsoleController::go(const QString& screen) {
    screen_ = screen;
    emit changed();
}

QString ConsoleController::centreId() const {
    return service_ && service_->hasCentre() ? q(service_->centre().id()) : QString();
}
QString ConsoleController::centreName() const {
    return service_ && service_->hasCentre() ? q(service_->centre().name()) : QString();
}
QString ConsoleController::userName() const {
    return signedIn_ ? q(signedIn_->name()) : QString();
}
int ConsoleController::listeningPort() const {
    return service_ && service_->listeningPort() ? *service_->listeningPort() : 0;
}

QString ConsoleController::createCentre(const QVariantMap& setup) {
    if (!service_) {
        return problem_;
    }
    CentreSetup centre;
    centre.centreId = s(setup.value("centreId"));
    centre.centreName = s(setup.value("centreName"));
    centre.awardingBodySigningKeyFile = s(setup.value("signingKeyFile"));
    centre.awardingBodyBoxKeyFile = s(setup.value("boxKeyFile"));
    centre.coordinator = {s(setup.value("userId")), s(setup.value("name")), s(setup.value("pin")),
                          s(setup.value("password"))};
    if (auto created = service_->createCentre(centre); !created) {
        return sentence(created.error());
    }
    startLink();
    go(QStringLiteral("signIn"));
    return {};
}

QString ConsoleController::signIn(const QString& userId, const QString& pin,
                                  const QString& password) {
    if (!service_ || !service_->hasCentre()) {
        return problem_;
    }
    auto signedIn =
        service_->signIn(userId.toStdString(), pin.toStdString(), password.toStdString());
    if (!signedIn) {
        return sentence(signedIn.error());
    }
    signedIn_.emplace(std::move(signedIn).value());
    outbox_.attach(*service_, *signedIn_);
    go(QStringLiteral("home"));
    return {};
}

void ConsoleController::signOut() {
    liveRoom_.close();
    outbox_.detach();
    signedIn_.reset();
    session_.clear();
    go(QStringLiteral("signIn"));
}

void ConsoleController::show(const QString& screen) {
    if (!signedIn_) {
        return;
    }
    const bool coordinatorsOnly = screen == QLatin1String("users") ||
                                  screen == QLatin1String("kiosks") ||
                                  screen == QLatin1String("export");
    if (coordinatorsOnly && !signedIn_->isCoordinator()) {
        return;
    }
    const bool ofASession =
        screen == QLatin1String("sessionSetup") || screen == QLatin1String("seatingPlan") ||
        screen == QLatin1String("incidents") || screen == QLatin1String("export") ||
        screen == QLatin1String("liveRoom");
    if (ofASession && session_.isEmpty()) {
        return;
    }
    if (screen == QLatin1String("liveRoom") && !liveRoom_.active()) {
        return;
    }
    if (screen == QLatin1String("outbox")) {
        outbox_.refresh();
    }
    go(screen);
}

QVariantList ConsoleController::users() {
    QVariantList rows;
    if (!signedIn_ || !signedIn_->isCoordinator()) {
        return rows;
    }
    auto users = service_->users().users(*signedIn_);
    if (!users) {
        return rows;
    }
    for (const auto& user : users.value()) {
        rows.append(QVariantMap{{"userId", q(user.userId)},
                                {"name", q(user.name)},
                                {"role", q(std::string(roleName(user.role)))},
                                {"qualification", q(user.industryQualification)},
                                {"assessor", user.assessor},
                                {"locked", user.locked}});
    }
    return rows;
}

QString ConsoleController::addInvigilator(const QVariantMap& user) {
    if (!signedIn_) {
        return {};
    }
    auto added = service_->users().addInvigilator(
        *signedIn_, {s(user.value("userId")), s(user.value("name")), s(user.value("pin")),
                     s(user.value("password")), s(user.value("qualification")),
                     user.value("assessor").toBool()});
    if (!added) {
        return sentence(added.error());
    }
    emit changed();
    return {};
}

QString ConsoleController::resetCredentials(const QString& userId, const QString& pin,
                                            const QString& password, const QString& reason) {
    if (!signedIn_) {
        return {};
    }
    auto done =
        service_->users().resetCredentials(*signedIn_, userId.toStdString(), pin.toStdString(),
                                           password.toStdString(), reason.toStdString());
    if (!done) {
        return sentence(done.error());
    }
    emit changed();
    return {};
}

QString ConsoleController::unlock(const QString& userId, const QString& reason) {
    if (!signedIn_) {
        return {};
    }
    auto done = service_->users().unlock(*signedIn_, userId.toStdString(), reason.toStdString());
    if (!done) {
        return sentence(done.error());
    }
    emit changed();
    return {};
}

QVariantList ConsoleController::waitingKiosks() const {
    QVariantList rows;
    if (!signedIn_) {
        return rows;
    }
    auto waiting = service_->waitingKiosks(*signedIn_);
    if (!waiting) {
        return rows;
    }
    for (const auto& kiosk : waiting.value()) {
        rows.append(QVariantMap{{"seat", q(kiosk.seat)},
                                {"fingerprint", q(kiosk.fingerprint)},
                                {"address", q(kiosk.address)},
                                {"conflict", q(kiosk.conflict)}});
    }
    return rows;
}

QVariantList ConsoleController::enrolledKiosks() const {
    QVariantList rows;
    if (!service_ || !signedIn_) {
        return rows;
    }
    for (const auto& kiosk : service_->enrolledKiosks()) {
        rows.append(QVariantMap{{"seat", q(kiosk.seat)}, {"enrolledBy", q(kiosk.enrolledBy)}});
    }
    return rows;
}

QStringList ConsoleController::refusedNotices() const {
    QStringList notices;
    if (!signedIn_ || !signedIn_->isCoordinator() || !service_->hub()) {
        return notices;
    }
    for (const auto& record : service_->hub()->enrolmentHistory()) {
        if (record.action == "refused") {
            notices.append(q(record.seat + " (" + record.fingerprint + "): " + record.note));
        }
    }
    for (const auto& notice : service_->hub()->notices()) {
        notices.append(q(notice.text));
    }
    return notices;
}

QString ConsoleController::enrolKiosk(const QString& seat, const QString& fingerprint) {
    if (!signedIn_) {
        return {};
    }
    auto enrolled =
        service_->enrolKiosk(*signedIn_, seat.trimmed().toStdString(), fingerprint.toStdString());
    if (!enrolled) {
        return sentence(enrolled.error());
    }
    emit changed();
    return {};
}

QVariantList ConsoleController::sessions() {
    QVariantList rows;
    if (!signedIn_) {
        return rows;
    }
    for (const auto& session : service_->sessions().list(*signedIn_)) {
        QStringList invigilators;
        for (const auto& invigilator : session.invigilators) {
            invigilators.append(q(invigilator.name));
        }
        rows.append(QVariantMap{{"id", q(session.id)},
                                {"room", q(session.room)},
                                {"date", q(session.date)},
                                {"startTime", q(session.startTime)},
                                {"state", q(std::string(stateName(session.state)))},
                                {"invigilators", invigilators.join(QStringLiteral(", "))}});
    }
    return rows;
}

QVariantList ConsoleController::packages() {
    QVariantList rows;
    if (!signedIn_) {
        return rows;
    }
    for (const auto& package : service_->packages().packages(*signedIn_)) {
        rows.append(QVariantMap{{"digest", q(package.digest)},
                                {"id", q(package.metadata.id)},
                                {"title", q(package.metadata.title)}});
    }
    return rows;
}

QString ConsoleController::createSession(const QVariantMap& plan) {
    if (!signedIn_) {
        return {};
    }
    SessionPlan session{
        s(plan.value("room")), s(plan.value("date")), s(plan.value("startTime")), {}, {}};
    for (const auto& id : plan.value("invigilators").toStringList()) {
        session.invigilators.push_back({id.toStdString(), {}});
    }
    for (const auto& digest : plan.value("packages").toStringList()) {
        session.packageDigests.push_back(digest.toStdString());
    }
    auto created = service_->planner().create(*signedIn_, session);
    if (!created) {
        return sentence(created.error());
    }
    return openSession(q(created.value().id));
}

QString ConsoleController::openSession(const QString& sessionId) {
    if (!signedIn_) {
        return {};
    }
    liveRoom_.close();
    auto desk = service_->openSession(*signedIn_, sessionId.toStdString());
    if (!desk) {
        return sentence(desk.error());
    }
    const auto& session = desk.value().session();
    QStringList invigilators;
    for (const auto& invigilator : session.invigilators) {
        invigilators.append(q(invigilator.name + " (" + invigilator.userId + ")"));
    }
    QStringList assessments;
    for (const auto& assessment : session.assessments) {
        assessments.append(q(assessment.metadata.id + ": " + assessment.metadata.title));
    }
    QStringList assessmentIds;
    for (const auto& assessment : session.assessments) {
        assessmentIds.append(q(assessment.metadata.id));
    }
    session_ = QVariantMap{{"id", q(session.id)},
                           {"assessmentIds", assessmentIds},
                           {"room", q(session.room)},
                           {"date", q(session.date)},
                           {"startTime", q(session.startTime)},
                           {"state", q(std::string(stateName(session.state)))},
                           {"invigilators", invigilators},
                           {"assessments", assessments}};
    go(QStringLiteral("sessionSetup"));
    return {};
}

QVariantList ConsoleController::candidates() {
    QVariantList rows;
    if (!signedIn_ || session_.isEmpty()) {
        return rows;
    }
    auto desk = service_->openSession(*signedIn_, s(session_.value("id")));
    if (!desk) {
        return rows;
    }
    for (const auto& candidate : desk.value().candidates().list(s(session_.value("id")))) {
        const auto arranged =
            desk.value().arrangements().of(s(session_.value("id")), candidate.registrationNumber);
        rows.append(QVariantMap{{"name", q(candidate.name)},
                                {"registrationNumber", q(candidate.registrationNumber)},
                                {"arrangements", q(describeArrangements(arranged))}});
    }
    return rows;
}

QString ConsoleController::setArrangements(const QString& registrationNumber,
                                           const QVariantMap& arrangements) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    auto desk = service_->openSession(*signedIn_, s(session_.value("id")));
    if (!desk) {
        return sentence(desk.error());
    }
    exam::AccessibilityOptions options;
    options.extraTimePercent = arrangements.value("extraTimePercent").toInt();
    options.screenReader = arrangements.value("screenReader").toBool();
    options.computerReader = arrangements.value("computerReader").toBool();
    options.textScale = arrangements.value("textScale").toInt();
    const auto overlay = arrangements.value("overlay").toString().trimmed().toLower();
    if (!overlay.isEmpty() && overlay != QLatin1String("none")) {
        options.overlayColour = overlay.toStdString();
    }
    if (const auto problem = checkArrangements(options); !problem.empty()) {
        return q(problem);
    }
    auto saved = desk.value().arrangements().set(s(session_.value("id")),
                                                 registrationNumber.toStdString(), options);
    if (!saved) {
        return q(std::string(describe(saved.error())));
    }
    emit changed();
    return {};
}

QString ConsoleController::addCandidate(const QString& name, const QString& registrationNumber) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    auto desk = service_->openSession(*signedIn_, s(session_.value("id")));
    if (!desk) {
        return sentence(desk.error());
    }
    auto added = desk.value().candidates().add(
        s(session_.value("id")), {name.toStdString(), registrationNumber.toStdString(), {}});
    if (!added) {
        return q(std::string(describe(added.error())));
    }
    emit changed();
    return {};
}

QStringList ConsoleController::importCandidates(const QString& csvText) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    auto desk = service_->openSession(*signedIn_, s(session_.value("id")));
    if (!desk) {
        return {sentence(desk.error())};
    }
    const auto file = csvText.toStdString();
    auto imported = desk.value().candidates().importCsv(s(session_.value("id")), file);
    if (!imported) {
        QStringList problems;
        for (const auto& problem : imported.error()) {
            problems.append(q(describe(problem)));
        }
        return problems;
    }
    emit changed();
    return {};
}

QVariantMap ConsoleController::plan() {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    const auto sessionId = s(session_.value("id"));
    auto desk = service_->openSession(*signedIn_, sessionId);
    if (!desk) {
        return {};
    }
    auto layout = desk.value().seating().layout(sessionId);
    if (!layout) {
        return {};
    }
    std::set<std::string> connected;
    if (service_->hub()) {
        for (const auto& seat : service_->hub()->room()) {
            if (seat.connected) {
                connected.insert(seat.seat);
            }
        }
    }
    std::set<std::string> expected;
    if (auto missing = desk.value().seating().expectedNotConnected(sessionId, connected)) {
        expected.insert(missing.value().begin(), missing.value().end());
    }
    QVariantList cells;
    for (const auto& row : layout.value().cells) {
        for (const auto& cell : row) {
            QString live;
            if (!cell.seat.empty()) {
                live = connected.contains(cell.seat)  ? QStringLiteral("connected")
                       : expected.contains(cell.seat) ? QStringLiteral("expected, not connected")
                                                      : QStringLiteral("not connected");
            }
            cells.append(QVariantMap{{"row", cell.place.row},
                                     {"column", cell.place.column},
                                     {"seat", q(cell.seat)},
                                     {"candidate", q(cell.candidateName)},
                                     {"registrationNumber", q(cell.registrationNumber)},
                                     {"assessmentId", q(cell.assessmentId)},
                                     {"live", live}});
        }
    }
    return QVariantMap{
        {"rows", layout.value().rows}, {"columns", layout.value().columns}, {"cells", cells}};
}

namespace {

QString refusalText(PlanError error) {
    return q(std::string(describe(error)));
}
QString refusalText(const SeatRefusal& refusal) {
    return q(refusal.explanation.empty() ? std::string(describe(refusal.error))
                                         : refusal.explanation);
}

} // namespace

// The seating plan's actions share one shape: the open session's desk through core's role
// check, the change, its refusal in words, and the screens told when it is done.
template <class Change> QString ConsoleController::changeSeating(Change&& change) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    const auto sessionId = s(session_.value("id"));
    auto desk = service_->openSession(*signedIn_, sessionId);
    if (!desk) {
        return sentence(desk.error());
    }
    auto done = change(desk.value(), sessionId);
    if (!done) {
        return refusalText(done.error());
    }
    liveRoom_.reloadPlan();
    emit changed();
    return {};
}

QString ConsoleController::createPlan(int rows, int columns) {
    std::vector<std::string> seats;
    if (service_) {
        for (const auto& kiosk : service_->enrolledKiosks()) {
            seats.push_back(kiosk.seat);
        }
    }
    return changeSeating([&](SessionDesk& desk, const std::string& sessionId) {
        return desk.seating().createPlan(sessionId, rows, columns, seats);
    });
}

QString ConsoleController::addPc(const QString& seat, int row, int column) {
    return changeSeating([&](SessionDesk& desk, const std::string& sessionId) {
        return desk.seating().addPc(sessionId, seat.trimmed().toStdString(), {row, column});
    });
}

QString ConsoleController::movePc(const QString& seat, int row, int column) {
    return changeSeating([&](SessionDesk& desk, const std::string& sessionId) {
        return desk.seating().movePc(sessionId, seat.toStdString(), {row, column});
    });
}

QString ConsoleController::assignSeat(const QString& seat, const QString& registrationNumber,
                                      const QString& assessmentId) {
    return changeSeating([&](SessionDesk& desk, const std::string&) {
        return desk.assign(seat.toStdString(), registrationNumber.toStdString(),
                           assessmentId.toStdString());
    });
}

QString ConsoleController::clearSeat(const QString& seat) {
    return changeSeating([&](SessionDesk& desk, const std::string& sessionId) {
        return desk.seating().clear(sessionId, seat.toStdString());
    });
}

QVariantList ConsoleController::incidentKinds() {
    QVariantList kinds;
    for (const auto kind : kAllIncidentKinds) {
        if (!raisedAtKiosk(kind)) {
            kinds.append(QVariantMap{{"code", q(std::string(codeOf(kind)))},
                                     {"label", q(std::string(labelOf(kind)))}});
        }
    }
    return kinds;
}

QVariantList ConsoleController::incidents() {
    QVariantList rows;
    if (!signedIn_ || session_.isEmpty()) {
        return rows;
    }
    auto desk = service_->openSession(*signedIn_, s(session_.value("id")));
    if (!desk) {
        return rows;
    }
    // Times as the room's clock shows them: the centre's time zone.
    const QTimeZone centreZone(QByteArray::fromStdString(service_->centre().timeZone()));
    for (const auto& entry : desk.value().incidents().entries()) {
        const auto& incident = entry.incident;
        const auto subject =
            incident.subjects.empty() ? IncidentSubject{} : incident.subjects.front();
        rows.append(QVariantMap{
            {"sequence", static_cast<qulonglong>(entry.sequence)},
            {"time",
             QDateTime::fromMSecsSinceEpoch(incident.occurredMs).toString(QStringLiteral("HH:mm"))},
            {"kind", q(std::string(labelOf(incident.kind)))},
            {"scope", q(std::string(labelOf(incident.scope)))},
            {"seat", q(subject.seat)},
            {"candidate", q(subject.candidateName)},
            {"description", q(incident.description)},
            {"recordedBy", q(incident.recordedBy)},
            {"correctedBy", static_cast<qulonglong>(entry.correctedBy.value_or(0))}});
    }
    return rows;
}

QString ConsoleController::recordIncident(const QVariantMap& entry) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    const auto sessionId = s(session_.value("id"));
    auto desk = service_->openSession(*signedIn_, sessionId);
    if (!desk) {
        return sentence(desk.error());
    }
    const auto kind = incidentKindFromCode(s(entry.value("kind")));
    if (!kind || raisedAtKiosk(*kind)) {
        return QStringLiteral("choose what happened");
    }
    Incident incident;
    incident.kind = *kind;
    incident.occurredMs = clock_.wallNowMs();
    incident.recordedBy = signedIn_->userId();
    incident.description = s(entry.value("description"));
    const auto seat = s(entry.value("seat"));
    if (seat.empty()) {
        incident.scope = IncidentScope::WholeRoom;
    } else {
        incident.scope = IncidentScope::OneCandidate;
        IncidentSubject subject{seat, {}, {}};
        if (auto layout = desk.value().seating().layout(sessionId)) {
            for (const auto& row : layout.value().cells) {
                for (const auto& cell : row) {
                    if (cell.seat == seat) {
                        subject.candidateName = cell.candidateName;
                        subject.registration = cell.registrationNumber;
                    }
                }
            }
        }
        incident.subjects.push_back(std::move(subject));
    }
    if (*kind == IncidentKind::SuspectedQuestionProblem) {
        incident.question = QuestionReference{entry.value("questionNumber").toInt(),
                                              s(entry.value("assessmentId"))};
    }
    auto recorded = desk.value().incidents().record(incident, clock_.wallNowMs());
    if (!recorded) {
        const auto& failure = recorded.error();
        return q(failure.detail.empty() ? std::string(describe(failure.error)) : failure.detail);
    }
    emit changed();
    return {};
}

QString ConsoleController::exportRecord(const QString& folder) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    auto exported = service_->exportRecord(*signedIn_, s(session_.value("id")), folder);
    if (!exported) {
        return sentence(exported.error());
    }
    lastExport_ = QVariantMap{{"recordFile", exported.value().recordFile},
                              {"pdf", exported.value().pdf},
                              {"csv", exported.value().csvBase + QStringLiteral("-*.csv")},
                              {"digest", q(crypto::toHex(exported.value().digest))}};
    emit changed();
    return {};
}

QString ConsoleController::writeSeatingPlanPdf(const QString& path) {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    if (path.trimmed().isEmpty()) {
        return QStringLiteral("give the PDF file to write the plan to");
    }
    if (auto written =
            service_->writeSeatingPlanPdf(*signedIn_, s(session_.value("id")), path.trimmed());
        !written) {
        return sentence(written.error());
    }
    return {};
}

QString ConsoleController::openLiveRoom() {
    if (!signedIn_ || session_.isEmpty()) {
        return {};
    }
    if (auto refused = liveRoom_.open(*service_, *signedIn_, s(session_.value("id")));
        !refused.isEmpty()) {
        return refused;
    }
    go(QStringLiteral("liveRoom"));
    return {};
}

} // namespace vigil::console
