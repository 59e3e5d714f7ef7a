#include "vigil/kiosk/choice_model.h"

#include "vigil/kiosk/reading_text.h"

#include <algorithm>
#include <iterator>

namespace vigil::kiosk {

namespace {

QString letterOf(int row) {
    return row < 26 ? QString(QChar(u'A' + row)) : QString::number(row + 1);
}

} // namespace

ChoiceModel::ChoiceModel(QObject* parent)
    : QAbstractListModel(parent) {}

int ChoiceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ChoiceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = rows_[std::size_t(index.row())];
    switch (role) {
    case IdentifierRole:
        return row.identifier;
    case TextRole:
    case Qt::DisplayRole:
        return row.text;
    case LetterRole:
        return letterOf(index.row());
    case SelectedRole:
        return row.selected;
    case ReadingTextRole:
        return readingTextOf(index.row());
    default:
        return {};
    }
}

QHash<int, QByteArray> ChoiceModel::roleNames() const {
    return {{IdentifierRole, "identifier"},
            {TextRole, "text"},
            {LetterRole, "letter"},
            {SelectedRole, "selected"},
            {ReadingTextRole, "readingText"}};
}

QString ChoiceModel::readingTextOf(int row) const {
    if (row < 0 || row >= int(rows_.size())) {
        return {};
    }
    return letterOf(row) + QStringLiteral(". ") + readingText(rows_[std::size_t(row)].text);
}

void ChoiceModel::setRows(std::vector<Row> rows) {
    const std::size_t before = rows_.size();
    const std::size_t after = rows.size();
    if (after < before) {
        beginRemoveRows({}, int(after), int(before) - 1);
        rows_.resize(after);
        endRemoveRows();
    }
    for (std::size_t i = 0; i < std::min(before, after); ++i) {
        Row& row = rows_[i];
        QList<int> changed;
        if (row.identifier != rows[i].identifier) {
            changed << IdentifierRole;
        }
        if (row.text != rows[i].text) {
            changed << TextRole << Qt::DisplayRole << ReadingTextRole;
        }
        if (row.selected != rows[i].selected) {
            changed << SelectedRole;
        }
        row = std::move(rows[i]);
        if (!changed.isEmpty()) {
            const auto at = index(int(i));
            emit dataChanged(at, at, changed);
        }
    }
    if (after > before) {
        beginInsertRows({}, int(before), int(after) - 1);
        std::move(rows.begin() + std::ptrdiff_t(before), rows.end(), std::back_inserter(rows_));
        endInsertRows();
    }
}

void ChoiceModel::setSelection(const std::vector<QString>& selectedIdentifiers) {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const bool selected = std::find(selectedIdentifiers.begin(), selectedIdentifiers.end(),
                                        rows_[i].identifier) != selectedIdentifiers.end();
        if (selected != rows_[i].selected) {
            rows_[i].selected = selected;
            const auto changed = index(int(i));
            emit dataChanged(changed, changed, {SelectedRole});
        }
    }
}

} // namespace vigil::kiosk
