#pragma once
// The running vigil-kiosk's accessible tree as atspi_probe.py reads it over the AT-SPI bus (what
// a screen reader, or a test driving the real binary from outside, gets): a node per accessible
// object, depth first, which is reading order.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace vigil::kiosk::testing {

struct AccessibleNode {
    QString role;
    QString name;
    QString description;
    QStringList states;
    int depth = 0;
    int textLength = -1; // editable text only: how many characters it holds
    [[nodiscard]] bool has(const char* state) const {
        return states.contains(QLatin1String(state));
    }
};
using AccessibleTree = QList<AccessibleNode>;

// The probe's `tree` output (JSON) as nodes; empty when it is not a tree.
inline AccessibleTree parseAccessibleTree(const QByteArray& json) {
    AccessibleTree out;
    for (const auto& value : QJsonDocument::fromJson(json).array()) {
        const auto object = value.toObject();
        AccessibleNode node;
        node.role = object.value(QStringLiteral("role")).toString();
        node.name = object.value(QStringLiteral("name")).toString();
        node.description = object.value(QStringLiteral("description")).toString();
        for (const auto& state : object.value(QStringLiteral("states")).toArray()) {
            node.states << state.toString();
        }
        node.depth = object.value(QStringLiteral("depth")).toInt();
        node.textLength = object.value(QStringLiteral("textLength")).toInt(-1);
        out << node;
    }
    return out;
}

// The tree indented, one node a line: what a failed test prints.
inline QString describe(const AccessibleTree& tree) {
    QString out;
    for (const auto& node : tree) {
        out += QString(node.depth * 2, u' ') + node.role + QStringLiteral(" \"") + node.name +
               QStringLiteral("\" [") + node.states.join(u',') + QStringLiteral("]") +
               (node.textLength >= 0 ? QStringLiteral(" %1 characters").arg(node.textLength)
                                     : QString()) +
               u'\n';
    }
    return out;
}

// Index of the first node named exactly `name` (a name holding '*': matching it as a wildcard
// pattern, '*' any text), or -1.
inline qsizetype indexOf(const AccessibleTree& tree, const QString& name, qsizetype from = 0) {
    const bool pattern = name.contains(u'*');
    const QRegularExpression wildcard(
        pattern ? QRegularExpression::wildcardToRegularExpression(
                      name, QRegularExpression::UnanchoredWildcardConversion)
                : QString());
    for (qsizetype i = from; i < tree.size(); ++i) {
        if (pattern ? wildcard.match(tree[i].name).hasMatch() &&
                          tree[i].name.startsWith(name.section(u'*', 0, 0))
                    : tree[i].name == name) {
            return i;
        }
    }
    return -1;
}

// The name of the first node matching `name` (see indexOf), or "".
inline QString nameOf(const AccessibleTree& tree, const QString& name) {
    const auto at = indexOf(tree, name);
    return at < 0 ? QString() : tree[at].name;
}

} // namespace vigil::kiosk::testing
