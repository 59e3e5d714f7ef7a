#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace vigil::kiosk {

// One entry per question in presentation order: the palette and the review lists read it.
class QuestionPaletteModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the session")
    /// Number of entries; the palette never needs rowCount() from QML.
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        NumberRole = Qt::UserRole + 1, // 1-based question number
        AnsweredRole,
        FlaggedRole,
        CurrentRole,
        StatusTextRole, // "answered", "unanswered", "flagged for review" ...: for Accessible
    };
    Q_ENUM(Role)

    struct Entry {
        bool answered = false;
        bool flagged = false;
    };

    explicit QuestionPaletteModel(QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const noexcept { return int(entries_.size()); }

    void reset(std::vector<Entry> entries, int current);
    void setEntry(int position, Entry entry);
    void setCurrent(int position);

signals:
    void countChanged();

private:
    std::vector<Entry> entries_;
    int current_ = -1;
};

} // namespace vigil::kiosk
