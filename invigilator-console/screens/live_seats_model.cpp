#include "live_seats_model.h"

namespace vigil::console {

LiveSeatsModel::LiveSeatsModel(Order order, const std::set<std::string>& selection, QObject* parent)
    : QAbstractListModel(parent)
    , order_(order)
    , selection_(selection) {}

void LiveSeatsModel::setSession(const LiveSession* session) {
    session_ = session;
    reload();
}

void LiveSeatsModel::setFilter(std::optional<SeatState> filter) {
    filter_ = filter;
    reload();
}

std::vector<std::string> LiveSeatsModel::ordered() const {
    std::vector<std::string> labels;
    if (!session_) {
        return labels;
    }
    if (order_ == Order::Grid) {
        for (const auto& seat : session_->room().seats()) {
            labels.push_back(seat.seat);
        }
    } else {
        for (const auto* seat : session_->room().listed(filter_)) {
            labels.push_back(seat->seat);
        }
    }
    return labels;
}

void LiveSeatsModel::reload() {
    beginResetModel();
    rows_ = ordered();
    endResetModel();
    emit countChanged();
}

void LiveSeatsModel::seatChanged(const std::string& seat) {
    if (order_ == Order::List && ordered() != rows_) {
        reload(); // the seat moved (unread first) or entered or left the filter
        return;
    }
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        if (rows_[row] == seat) {
            const auto at = index(static_cast<int>(row));
            emit dataChanged(at, at);
        }
    }
}

int LiveSeatsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant LiveSeatsModel::data(const QModelIndex& index, int role) const {
    if (!session_ || !index.isValid() || index.row() < 0 || index.row() >= count()) {
        return {};
    }
    const auto* seat = session_->room().seat(rows_[static_cast<std::size_t>(index.row())]);
    if (!seat) {
        return {};
    }
    const auto q = [](const std::string& text) {
        return QString::fromStdString(text);
    };
    switch (role) {
    case SeatRole:
        return q(seat->seat);
    case RowRole:
        return seat->place.row;
    case ColumnRole:
        return seat->place.column;
    case CandidateRole:
        return q(seat->candidateName);
    case RegistrationRole:
        return q(seat->registrationNumber);
    case AssessmentRole:
        return q(seat->assessmentId);
    case StateRole:
        return q(std::string(codeOf(seat->state)));
    case StateTextRole:
        return q(describeState(*seat, session_->timeZone()));
    case LastAnswerRole:
        return seat->lastAnswerSavedMs
                   ? q(clockTime(*seat->lastAnswerSavedMs, session_->timeZone()))
                   : QString();
    case UnreadRole:
        return seat->unreadIncidents;
    case SelectedRole:
        return selection_.contains(seat->seat);
    case OutcomeRole: {
        const auto found = session_->outcomes().find(seat->seat);
        if (found == session_->outcomes().end()) {
            return QString();
        }
        auto text = std::string(labelOf(found->second.action)) + ": " +
                    std::string(labelOf(found->second.outcome));
        return q(text);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> LiveSeatsModel::roleNames() const {
    return {{SeatRole, "seat"},
            {RowRole, "row"},
            {ColumnRole, "column"},
            {CandidateRole, "candidate"},
            {RegistrationRole, "registrationNumber"},
            {AssessmentRole, "assessmentId"},
            {StateRole, "state"},
            {StateTextRole, "stateText"},
            {LastAnswerRole, "lastAnswer"},
            {UnreadRole, "unread"},
            {SelectedRole, "selected"},
            {OutcomeRole, "outcome"}};
}

} // namespace vigil::console
