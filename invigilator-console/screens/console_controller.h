#pragma once

#include "live_room_controller.h"
#include "outbox_controller.h"
#include "vigil/console/console_service.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

namespace vigil::console {

// What the screens see of the console: the service's state and lists as properties, each
// person's action as a call that returns "" when it is done or the sentence to show. No rule
// lives here: every call goes to ConsoleService with the signed-in user, so the screens can
// only do what core's role checks allow.
class ConsoleController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("vigil-console's main makes the one controller")
    Q_PROPERTY(QString screen READ screen NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(QString centreId READ centreId NOTIFY changed)
    Q_PROPERTY(QString centreName READ centreName NOTIFY changed)
    Q_PROPERTY(QString userName READ userName NOTIFY changed)
    Q_PROPERTY(bool coordinator READ coordinator NOTIFY changed)
    Q_PROPERTY(int listeningPort READ listeningPort NOTIFY changed)
    Q_PROPERTY(QVariantList users READ users NOTIFY changed)
    Q_PROPERTY(QVariantList waitingKiosks READ waitingKiosks NOTIFY changed)
    Q_PROPERTY(QVariantList enrolledKiosks READ enrolledKiosks NOTIFY changed)
    Q_PROPERTY(QStringList refusedNotices READ refusedNotices NOTIFY changed)
    Q_PROPERTY(QVariantList sessions READ sessions NOTIFY changed)
    Q_PROPERTY(QVariantList packages READ packages NOTIFY changed)
    Q_PROPERTY(QVariantMap session READ session NOTIFY changed)
    Q_PROPERTY(QVariantList candidates READ candidates NOTIFY changed)
    Q_PROPERTY(QVariantMap plan READ plan NOTIFY changed)
    Q_PROPERTY(QVariantList incidentKinds READ incidentKinds CONSTANT)
    Q_PROPERTY(QVariantList incidents READ incidents NOTIFY changed)
    Q_PROPERTY(QVariantMap lastExport READ lastExport NOTIFY changed)
    Q_PROPERTY(LiveRoomController* liveRoom READ liveRoom CONSTANT)
    Q_PROPERTY(OutboxController* outbox READ outbox CONSTANT)

public:
    // Opens the data folder; a failure is shown as `problem` on the "unavailable" screen.
    ConsoleController(const ConsoleDataDir& dataDir, const exam::Clock& clock, LinkSettings link,
                      QObject* parent = nullptr);
    ~ConsoleController() override;

    [[nodiscard]] QString screen() const { return screen_; }
    [[nodiscard]] QString problem() const { return problem_; }
    [[nodiscard]] QString centreId() const;
    [[nodiscard]] QString centreName() const;
    [[nodiscard]] QString userName() const;
    [[nodiscard]] bool coordinator() const { return signedIn_ && signedIn_->isCoordinator(); }
    [[nodiscard]] int listeningPort() const;
    [[nodiscard]] QVariantList users();
    [[nodiscard]] QVariantList waitingKiosks() const;
    [[nodiscard]] QVariantList enrolledKiosks() const;
    [[nodiscard]] QStringList refusedNotices() const;
    [[nodiscard]] QVariantList sessions();
    [[nodiscard]] QVariantList packages();
    [[nodiscard]] QVariantMap session() const { return session_; }
    [[nodiscard]] QVariantList candidates();
    // The open session's plan: rows, columns, cells (row, column, seat, candidate,
    // registrationNumber, assessmentId, live: "connected", "not connected" or
    // "expected, not connected"); empty when it has none yet.
    [[nodiscard]] QVariantMap plan();
    // The kinds a person records (code, label); the kiosks' own arrive by themselves.
    [[nodiscard]] static QVariantList incidentKinds();
    // The open session's log, oldest first: sequence, time, kind, scope, seat, candidate,
    // description, recordedBy, correctedBy (0: not corrected).
    [[nodiscard]] QVariantList incidents();
    [[nodiscard]] QVariantMap lastExport() const { return lastExport_; }
    // The open session's live room (its own controller and models).
    [[nodiscard]] LiveRoomController* liveRoom() { return &liveRoom_; }
    // The centre's outbox for whoever is signed in.
    [[nodiscard]] OutboxController* outbox() { return &outbox_; }

    // keys: centreId, centreName, signingKeyFile, boxKeyFile, userId, name, pin, password
    Q_INVOKABLE QString createCentre(const QVariantMap& setup);
    Q_INVOKABLE QString signIn(const QString& userId, const QString& pin, const QString& password);
    Q_INVOKABLE void signOut();
    // "home", "users", "kiosks", "sessions", "outbox", and once a session is open "sessionSetup",
    // "seatingPlan", "incidents", "export" and (once opened) "liveRoom": a screen this person
    // may see.
    Q_INVOKABLE void show(const QString& screen);
    // keys: userId, name, pin, password, qualification, assessor
    Q_INVOKABLE QString addInvigilator(const QVariantMap& user);
    Q_INVOKABLE QString resetCredentials(const QString& userId, const QString& pin,
                                         const QString& password, const QString& reason);
    Q_INVOKABLE QString unlock(const QString& userId, const QString& reason);
    Q_INVOKABLE QString enrolKiosk(const QString& seat, const QString& fingerprint);
    // keys: room, date, startTime, invigilators (user ids), packages (digests)
    Q_INVOKABLE QString createSession(const QVariantMap& plan);
    Q_INVOKABLE QString openSession(const QString& sessionId);
    Q_INVOKABLE QString addCandidate(const QString& name, const QString& registrationNumber);
    // A candidate's access arrangements (extraTimePercent, screenReader, computerReader,
    // textScale 0-2, overlay: a colour or ""), carried into their seat assignment.
    Q_INVOKABLE QString setArrangements(const QString& registrationNumber,
                                        const QVariantMap& arrangements);
    // Every bad row as "line L, column C: reason"; nothing is imported unless the file is clean.
    Q_INVOKABLE QStringList importCandidates(const QString& csvText);
    // A plan for the open session, pre-filled with the enrolled kiosks' seats.
    Q_INVOKABLE QString createPlan(int rows, int columns);
    Q_INVOKABLE QString addPc(const QString& seat, int row, int column);
    Q_INVOKABLE QString movePc(const QString& seat, int row, int column);
    // "" or why not, with when the candidate becomes eligible where waiting helps.
    Q_INVOKABLE QString assignSeat(const QString& seat, const QString& registrationNumber,
                                   const QString& assessmentId);
    Q_INVOKABLE QString clearSeat(const QString& seat);
    // keys: kind (code), seat (empty: the whole room), description, questionNumber,
    // assessmentId. The seat's candidate comes from the plan; time and recorder are filled in.
    Q_INVOKABLE QString recordIncident(const QVariantMap& entry);
    // The open session's invigilation record into `folder` (the coordinator only).
    Q_INVOKABLE QString exportRecord(const QString& folder);
    // The open session's seating plan as a PDF at `path` (anyone who may open the session).
    Q_INVOKABLE QString writeSeatingPlanPdf(const QString& path);
    // The open session's live room, for its invigilator or the coordinator: "" or why not.
    Q_INVOKABLE QString openLiveRoom();
    Q_INVOKABLE void refresh() { emit changed(); }

signals:
    void changed();

private:
    void go(const QString& screen);
    void startLink();
    // Runs change(desk, sessionId) on the open session: "" when done, else the refusal's words.
    template <class Change> QString changeSeating(Change&& change);

    const exam::Clock& clock_;
    LinkSettings link_;
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> signedIn_;
    QString screen_;
    QString problem_;
    QVariantMap session_;
    QVariantMap lastExport_;
    LiveRoomController liveRoom_;
    OutboxController outbox_; // after service_: its run ends before the service goes
};

} // namespace vigil::console
