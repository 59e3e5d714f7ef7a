#include "vigil/kiosk/question_palette_model.h"

namespace vigil::kiosk {

QuestionPaletteModel::QuestionPaletteModel(QObject* parent)
    : QAbstractListModel(parent) {}

int QuestionPaletteModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(entries_.size());
}

QVariant QuestionPaletteModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry& entry = entries_[std::size_t(index.row())];
    switch (role) {
    case NumberRole:
    case Qt::DisplayRole:
        return index.row() + 1;
    case AnsweredRole:
        return entry.answered;
    case FlaggedRole:
        return entry.flagged;
    case CurrentRole:
        return index.row() == current_;
    case StatusTextRole: {
        QString status = entry.answered ? tr("answered") : tr("unanswered");
        if (entry.flagged) {
            status += tr(", flagged for review");
        }
        return status;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> QuestionPaletteModel::roleNames() const {
    return {{NumberRole, "number"},
            {AnsweredRole, "answered"},
            {FlaggedRole, "flagged"},
            {CurrentRole, "current"},
            {StatusTextRole, "statusText"}};
}

void QuestionPaletteModel::reset(std::vector<Entry> entries, int current) {
    const bool countChanges = entries.size() != entries_.size();
    beginResetModel();
    entries_ = std::move(entries);
    current_ = current;
    endResetModel();
    if (countChanges) {
        emit countChanged();
    }
}

void QuestionPaletteModel::setEntry(int position, Entry entry) {
    if (position < 0 || position >= count()) {
        return;
    }
    auto& target = entries_[std::size_t(position)];
    if (target.answered == entry.answered && target.flagged == entry.flagged) {
        return;
    }
    target = entry;
    const auto changed = index(position);
    emit dataChanged(changed, changed, {AnsweredRole, FlaggedRole, StatusTextRole});
}

void QuestionPaletteModel::setCurrent(int position) {
    if (position == current_) {
        return;
    }
    const int previous = current_;
    current_ = position;
    for (int row : {previous, position}) {
        if (row >= 0 && row < count()) {
            emit dataChanged(index(row), index(row), {CurrentRole});
        }
    }
}

} // namespace vigil::kiosk
