#pragma once

#include "live_seats_model.h"
#include "vigil/console/console_service.h"
#include "vigil/console/live_session.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <set>

namespace vigil::console {

// What the live room screen sees: the open session's LiveSession through two list models (the
// seating grid and the filtered list), counts per state, the selection (by seat label, so it
// survives every push), and the seat and bulk actions, each returning "" or the sentence to
// show, with each seat's outcome in `results`. Holds no rule: actions go to LiveSession, which
// checks who is asking.
class LiveRoomController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the console controller makes the live room")
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(int rows READ rows NOTIFY changed)
    Q_PROPERTY(int columns READ columns NOTIFY changed)
    Q_PROPERTY(LiveSeatsModel* grid READ grid CONSTANT)
    Q_PROPERTY(LiveSeatsModel* list READ list CONSTANT)
    Q_PROPERTY(QVariantList counts READ counts NOTIFY countsChanged)
    Q_PROPERTY(QString filter READ filter NOTIFY changed)
    Q_PROPERTY(QStringList selection READ selection NOTIFY selectionChanged)
    Q_PROPERTY(QStringList results READ results NOTIFY resultsChanged)
    Q_PROPERTY(QVariantList unreadIncidents READ unreadIncidents NOTIFY countsChanged)
    Q_PROPERTY(QStringList extraTimeReasons READ extraTimeReasons CONSTANT)
    Q_PROPERTY(QString sessionState READ sessionState NOTIFY changed)
    Q_PROPERTY(QVariantMap extraTimeOffer READ extraTimeOffer NOTIFY countsChanged)
    Q_PROPERTY(QVariantList seatHistory READ seatHistory NOTIFY historyChanged)

public:
    explicit LiveRoomController(QObject* parent = nullptr);
    ~LiveRoomController() override;

    // The session's live room for this person: "" or why not (NotYourSession, ...).
    QString open(ConsoleService& service, const SignedIn& by, const std::string& sessionId);
    void close();
    // The seating plan changed on its screen.
    void reloadPlan();

    [[nodiscard]] bool active() const { return live_ != nullptr; }
    [[nodiscard]] int rows() const { return rows_; }
    [[nodiscard]] int columns() const { return columns_; }
    [[nodiscard]] LiveSeatsModel* grid() { return &grid_; }
    [[nodiscard]] LiveSeatsModel* list() { return &list_; }
    // Each state: code, label, count.
    [[nodiscard]] QVariantList counts() const;
    [[nodiscard]] QString filter() const { return filter_; }
    [[nodiscard]] QStringList selection() const;
    [[nodiscard]] QStringList results() const { return results_; }
    // sequence, seat, time, kind, description: the kiosks' incidents nobody has read yet.
    [[nodiscard]] QVariantList unreadIncidents() const;
    [[nodiscard]] static QStringList extraTimeReasons();
    [[nodiscard]] LiveSession* session() { return live_.get(); }
    // "planned", "open", "closed": as the session stood when opened, once its first launch
    // opened it, or once closed here.
    [[nodiscard]] QString sessionState() const { return sessionState_; }
    // The extra time the room offers the one selected seat for a pause or an outage (seat,
    // minutes, reason, text), or nothing.
    [[nodiscard]] QVariantMap extraTimeOffer() const;
    // The one selected seat's history (time, description, recordedBy), oldest first, or
    // nothing: what was done at that seat and by whom.
    [[nodiscard]] QVariantList seatHistory() const;

    // A state's code ("paused"), or "" for every seat.
    Q_INVOKABLE void setFilter(const QString& code);
    Q_INVOKABLE void toggle(const QString& seat);
    Q_INVOKABLE void selectAll();
    Q_INVOKABLE void clearSelection();
    // action: "launch", "pause", "resume", "extra-time", "void", "authorise-resume"; to the
    // selection, or every seat of the room with wholeRoom. "" once sent (each seat's outcome in
    // results), else why nothing was sent.
    Q_INVOKABLE QString act(const QString& action, bool wholeRoom, int minutes,
                            const QString& reason);
    Q_INVOKABLE QString markRead(qulonglong sequence);
    // Moves the sitting at the one selected seat to the spare PC at `toSeat`; `oldPcDead`: the
    // invigilator confirmed the old PC is dead. "" once started (its stage in results), else
    // why not.
    Q_INVOKABLE QString moveSitting(const QString& toSeat, bool oldPcDead);
    // Closes the session from the seats' outcomes; `explanation` explains each selected seat
    // that never started (LiveSession::closeSession). "" once closed, else the refusal naming
    // each seat that holds it open.
    Q_INVOKABLE QString closeSession(const QString& explanation);

signals:
    void changed();
    void countsChanged();
    void selectionChanged();
    void resultsChanged();
    void historyChanged();

private:
    // A seat's push: its tile and row again, and the counts when they changed (seatChanged).
    void seatChanged(const QString& seat);
    // Its tile and row only, for a change of selection (the counts are told once after).
    void showSeat(const std::string& label);
    // Re-reads the counts for countsShown_ and tells the screen (the counts, unread incidents
    // and the offer).
    void tellCounts();
    void refreshResults();

    std::unique_ptr<LiveSession> live_;
    std::set<std::string> selection_;
    // The counts as the screen was last told them (tellCounts).
    std::map<SeatState, int> countsShown_;
    LiveSeatsModel grid_;
    LiveSeatsModel list_;
    QString filter_;
    int rows_ = 0;
    int columns_ = 0;
    std::vector<std::string> lastSeats_; // the latest action's seats, for results
    QStringList results_;
    QString sessionState_;
};

} // namespace vigil::console
