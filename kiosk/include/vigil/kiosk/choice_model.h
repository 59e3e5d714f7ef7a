#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace vigil::kiosk {

// The choices of the question on screen, in the sitting's presentation order. Showing another
// question updates the rows in place (dataChanged), so a view keeps its delegates and only
// re-reads what changed: rebuilding a rich-text choice control costs several times more than
// re-laying out its text, and that was most of a question switch.
class ChoiceModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the session")

public:
    enum Role {
        IdentifierRole = Qt::UserRole + 1,
        TextRole,   // rich text, images already pointing at the image provider
        LetterRole, // "A", "B", ... as announced to screen readers
        SelectedRole,
        // "B. Zone B, the central three quarters": the letter and the words, images as their
        // text alternative (readingText): what a screen reader and the read-aloud say.
        ReadingTextRole,
    };
    Q_ENUM(Role)

    struct Row {
        QString identifier;
        QString text;
        bool selected = false;
    };

    explicit ChoiceModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Shows `rows` instead. Rows that exist before and after keep their index and are
    // updated in place, with dataChanged naming only the roles whose value changed; rows beyond
    // the old count are inserted, rows beyond the new count removed.
    void setRows(std::vector<Row> rows);
    void setSelection(const std::vector<QString>& selectedIdentifiers);
    [[nodiscard]] const std::vector<Row>& rows() const noexcept { return rows_; }
    // The ReadingTextRole of row `row` ("A. …"); empty for a row that does not exist.
    [[nodiscard]] QString readingTextOf(int row) const;

private:
    std::vector<Row> rows_;
};

} // namespace vigil::kiosk
