#pragma once

#include "vigil/console/live_session.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vigil::console {

// The live room's seats as a list model: the whole plan in grid order (the seating grid), or
// the list view's seats of one state (all without a filter), those with unread incidents first.
// A seat's change is one dataChanged on its row; only a change of the list's order resets it.
// Selection is by seat label (held by LiveRoomController), so it survives every update.
class LiveSeatsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the live room controller makes its models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        SeatRole = Qt::UserRole + 1,
        RowRole,
        ColumnRole,
        CandidateRole,
        RegistrationRole,
        AssessmentRole,
        StateRole,      // the state's code: "in-progress"
        StateTextRole,  // "In progress: question 3 of 20, 12:05 left"
        LastAnswerRole, // "09:41:07", "" before any answer
        UnreadRole,
        SelectedRole,
        OutcomeRole, // the latest action at this seat: "Pause: applied"
    };
    enum class Order { Grid, List };

    LiveSeatsModel(Order order, const std::set<std::string>& selection, QObject* parent = nullptr);

    void setSession(const LiveSession* session);
    void setFilter(std::optional<SeatState> filter);
    // The seat's view changed (state, unread, selection, outcome).
    void seatChanged(const std::string& seat);
    void reload();

    [[nodiscard]] int count() const { return static_cast<int>(rows_.size()); }
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    [[nodiscard]] std::vector<std::string> ordered() const;

    Order order_;
    const std::set<std::string>& selection_;
    const LiveSession* session_ = nullptr;
    std::optional<SeatState> filter_;
    std::vector<std::string> rows_; // seat labels in the model's order
};

} // namespace vigil::console
