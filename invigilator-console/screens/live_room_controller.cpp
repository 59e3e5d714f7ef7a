#include "live_room_controller.h"

#include "vigil/console/incident_log.h"

#include <algorithm>
#include <map>

namespace vigil::console {
namespace {

QString roomText(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

LiveRoomController::LiveRoomController(QObject* parent)
    : QObject(parent)
    , grid_(LiveSeatsModel::Order::Grid, selection_)
    , list_(LiveSeatsModel::Order::List, selection_) {
    connect(this, &LiveRoomController::selectionChanged, this, &LiveRoomController::historyChanged);
}

LiveRoomController::~LiveRoomController() {
    grid_.setSession(nullptr);
    list_.setSession(nullptr);
}

QString LiveRoomController::open(ConsoleService& service, const SignedIn& by,
                                 const std::string& sessionId) {
    close();
    auto live = service.openLive(by, sessionId);
    if (!live) {
        return roomText(describe(live.error()));
    }
    live_ = std::move(live).value();
    sessionState_ = roomText(std::string(stateName(live_->session().state)));
    connect(live_.get(), &LiveSession::seatChanged, this, &LiveRoomController::seatChanged);
    connect(live_.get(), &LiveSession::seatAnswered, this, [this](const QString& seat) {
        seatChanged(seat);
        refreshResults();
    });
    connect(live_.get(), &LiveSession::incidentsChanged, this, &LiveRoomController::countsChanged);
    connect(live_.get(), &LiveSession::incidentsChanged, this, &LiveRoomController::historyChanged);
    connect(live_.get(), &LiveSession::sessionOpened, this, [this] {
        sessionState_ = QStringLiteral("open");
        emit changed();
    });
    connect(live_.get(), &LiveSession::planChanged, this, [this] {
        grid_.reload();
        list_.reload();
        tellCounts();
    });
    reloadPlan();
    return {};
}

void LiveRoomController::close() {
    grid_.setSession(nullptr);
    list_.setSession(nullptr);
    live_.reset();
    selection_.clear();
    results_.clear();
    lastSeats_.clear();
    countsShown_.clear();
    filter_.clear();
    sessionState_.clear();
    list_.setFilter(std::nullopt);
    emit changed();
    emit selectionChanged();
    emit resultsChanged();
}

void LiveRoomController::reloadPlan() {
    if (!live_) {
        return;
    }
    live_->reloadPlan();
    rows_ = 0;
    columns_ = 0;
    for (const auto& seat : live_->room().seats()) {
        rows_ = std::max(rows_, seat.place.row + 1);
        columns_ = std::max(columns_, seat.place.column + 1);
    }
    grid_.setSession(live_.get());
    list_.setSession(live_.get());
    emit changed();
    tellCounts();
}

void LiveRoomController::tellCounts() {
    countsShown_ = live_ ? live_->room().counts() : std::map<SeatState, int>{};
    emit countsChanged();
}

void LiveRoomController::showSeat(const std::string& label) {
    grid_.seatChanged(label);
    list_.seatChanged(label);
}

void LiveRoomController::seatChanged(const QString& seat) {
    const auto label = seat.toStdString();
    showSeat(label);
    // countsChanged makes the screen read the counts, the unread incidents (from the store)
    // and the offer again. A seat's change can alter only the counts and, for the seat chosen,
    // its offer; new incidents come with incidentsChanged. Most pushes (the question, the time
    // left) alter neither, and at 60 seats a second re-reading all three each time was the
    // live room's costliest work.
    if ((live_ && live_->room().counts() != countsShown_) || selection_.count(label) > 0) {
        tellCounts();
    }
}

QVariantList LiveRoomController::counts() const {
    QVariantList rows;
    if (!live_) {
        return rows;
    }
    for (const auto& [state, count] : live_->room().counts()) {
        rows.append(QVariantMap{{"code", roomText(std::string(codeOf(state)))},
                                {"label", roomText(std::string(labelOf(state)))},
                                {"count", count}});
    }
    return rows;
}

QStringList LiveRoomController::selection() const {
    QStringList seats;
    for (const auto& seat : selection_) {
        seats.append(roomText(seat));
    }
    return seats;
}

QVariantList LiveRoomController::unreadIncidents() const {
    QVariantList rows;
    if (!live_) {
        return rows;
    }
    for (const auto& entry : live_->unreadEntries()) {
        const auto& incident = entry.incident;
        rows.append(QVariantMap{
            {"sequence", static_cast<qulonglong>(entry.sequence)},
            {"seat", incident.subjects.empty() ? QString() : roomText(incident.subjects[0].seat)},
            {"time", roomText(clockTime(incident.occurredMs, live_->timeZone()))},
            {"kind", roomText(std::string(labelOf(incident.kind)))},
            {"description", roomText(incident.description)}});
    }
    return rows;
}

QVariantList LiveRoomController::seatHistory() const {
    QVariantList rows;
    if (!live_ || selection_.size() != 1) {
        return rows;
    }
    for (const auto& entry : live_->historyOf(*selection_.begin())) {
        rows.append(
            QVariantMap{{"time", roomText(clockTime(entry.incident.occurredMs, live_->timeZone()))},
                        {"description", roomText(entry.incident.description)},
                        {"recordedBy", roomText(entry.incident.recordedBy)}});
    }
    return rows;
}

QStringList LiveRoomController::extraTimeReasons() {
    QStringList reasons;
    for (const auto reason : kExtraTimeReasons) {
        reasons.append(roomText(std::string(reason)));
    }
    return reasons;
}

void LiveRoomController::setFilter(const QString& code) {
    const auto state = seatStateFromCode(code.toStdString());
    filter_ = state ? code : QString();
    list_.setFilter(state);
    emit changed();
}

void LiveRoomController::toggle(const QString& seat) {
    const auto label = seat.toStdString();
    if (!live_ || !live_->room().seat(label)) {
        return;
    }
    if (!selection_.erase(label)) {
        selection_.insert(label);
    }
    showSeat(label);
    tellCounts(); // the offer is the chosen seat's
    emit selectionChanged();
}

void LiveRoomController::selectAll() {
    if (!live_) {
        return;
    }
    for (const auto& seat : live_->room().seats()) {
        selection_.insert(seat.seat);
        showSeat(seat.seat);
    }
    tellCounts(); // once for the room, not once a seat
    emit selectionChanged();
}

void LiveRoomController::clearSelection() {
    const auto selected = selection_;
    selection_.clear();
    for (const auto& seat : selected) {
        showSeat(seat);
    }
    tellCounts(); // no seat chosen: no offer
    emit selectionChanged();
}

QString LiveRoomController::act(const QString& action, bool wholeRoom, int minutes,
                                const QString& reason) {
    if (!live_) {
        return {};
    }
    const auto kind = seatActionFromCode(action.toStdString());
    if (!kind) {
        return QStringLiteral("choose an action");
    }
    std::vector<std::string> seats;
    if (wholeRoom) {
        for (const auto& seat : live_->room().seats()) {
            seats.push_back(seat.seat);
        }
    } else {
        seats.assign(selection_.begin(), selection_.end());
    }
    if (seats.empty()) {
        return QStringLiteral("select one or more seats first");
    }
    auto sent = live_->act(*kind, seats, {minutes, reason.toStdString()});
    if (!sent) {
        return roomText(describe(sent.error()));
    }
    lastSeats_ = seats;
    for (const auto& seat : seats) {
        seatChanged(roomText(seat));
    }
    refreshResults();
    return {};
}

void LiveRoomController::refreshResults() {
    results_.clear();
    if (live_) {
        for (const auto& seat : lastSeats_) {
            const auto found = live_->outcomes().find(seat);
            if (found != live_->outcomes().end()) {
                results_.append(roomText(describe(found->second)));
            }
            const auto move = live_->moves().find(seat);
            if (move != live_->moves().end()) {
                const auto& outcome = move->second;
                results_.append(roomText("Move " + outcome.fromSeat + " to " + outcome.toSeat +
                                         ": " + outcome.stage +
                                         (outcome.reason.empty() ? "" : ": " + outcome.reason)));
            }
        }
    }
    emit resultsChanged();
}

QString LiveRoomController::moveSitting(const QString& toSeat, bool oldPcDead) {
    if (!live_) {
        return {};
    }
    if (selection_.size() != 1) {
        return QStringLiteral("select the one seat whose sitting moves");
    }
    const auto fromSeat = *selection_.begin();
    const auto spare = toSeat.trimmed().toStdString();
    if (spare.empty()) {
        return QStringLiteral("choose the spare PC");
    }
    auto started = live_->moveSitting(fromSeat, spare, oldPcDead);
    if (!started) {
        return roomText(describe(started.error()));
    }
    lastSeats_ = {fromSeat};
    seatChanged(roomText(fromSeat));
    refreshResults();
    return {};
}

QString LiveRoomController::markRead(qulonglong sequence) {
    if (!live_) {
        return {};
    }
    if (auto read = live_->markRead(sequence); !read) {
        return roomText(describe(read.error()));
    }
    return {};
}

} // namespace vigil::console

namespace vigil::console {

QString LiveRoomController::closeSession(const QString& explanation) {
    if (!live_) {
        return {};
    }
    std::map<std::string, std::string> explanations;
    for (const auto& seat : selection_) {
        explanations[seat] = explanation.trimmed().toStdString();
    }
    auto closed = live_->closeSession(explanations);
    if (!closed) {
        return roomText(describe(closed.error()));
    }
    sessionState_ = roomText(std::string(stateName(closed.value().state)));
    emit changed();
    return {};
}

} // namespace vigil::console

namespace vigil::console {

QVariantMap LiveRoomController::extraTimeOffer() const {
    if (!live_ || selection_.size() != 1) {
        return {};
    }
    const auto* seat = live_->room().seat(*selection_.begin());
    if (!seat || !seat->extraTimeOffer) {
        return {};
    }
    const auto& offer = *seat->extraTimeOffer;
    return QVariantMap{{"seat", roomText(seat->seat)},
                       {"minutes", offer.minutes},
                       {"reason", roomText(offer.reason)},
                       {"text", roomText(describeOffer(seat->seat, offer, live_->timeZone()))}};
}

} // namespace vigil::console
