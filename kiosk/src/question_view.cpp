#include "vigil/kiosk/question_view.h"

#include "vigil/kiosk/item_image_provider.h"

#include <QCoreApplication>
#include <QTextDocumentFragment>
#include <algorithm>

namespace vigil::kiosk {

namespace {

QString questionTr(const char* text) {
    // The session's translation context: these sentences were the controller's.
    return QCoreApplication::translate("vigil::kiosk::SessionController", text);
}

template <class Keep> std::vector<int> numbersWhere(const exam::Sitting& sitting, Keep keep) {
    std::vector<int> out;
    const auto& order = sitting.presentationOrder();
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (keep(order[i].itemId)) {
            out.push_back(int(i) + 1);
        }
    }
    return out;
}

} // namespace

const exam::Item* currentItem(const exam::Sitting& sitting) {
    return itemAt(sitting, sitting.position());
}

const exam::Item* itemAt(const exam::Sitting& sitting, int position) {
    const auto& order = sitting.presentationOrder();
    if (position < 0 || position >= int(order.size())) {
        return nullptr;
    }
    return sitting.assessment().findItem(order[std::size_t(position)].itemId);
}

QString questionHtml(const exam::Item& item) {
    return routeImagesToProvider(QString::fromStdString(item.bodyHtml + item.promptHtml));
}

QString choiceHint(const exam::Item& item) {
    const QString hint =
        item.cardinality == exam::Cardinality::Single ? questionTr("Choose one answer.")
        : item.maxChoices > 0 ? questionTr("Choose up to %1 answers.").arg(item.maxChoices)
                              : questionTr("Choose all answers that apply.");
    // Item banks often write the same words as the item's prompt: say them once.
    const QString prompt = QTextDocumentFragment::fromHtml(QString::fromStdString(item.promptHtml))
                               .toPlainText()
                               .simplified();
    return prompt.compare(hint, Qt::CaseInsensitive) == 0 ? QString() : hint;
}

std::vector<ChoiceModel::Row> choiceRows(const exam::Sitting& sitting, int position,
                                         const exam::Item& item) {
    const auto& presented = sitting.presentationOrder().at(std::size_t(position));
    const auto chosen = sitting.answerOf(item.identifier);
    std::vector<ChoiceModel::Row> rows;
    for (const auto& choiceId : presented.choiceOrder) {
        const auto found =
            std::find_if(item.choices.begin(), item.choices.end(),
                         [&](const exam::Choice& c) { return c.identifier == choiceId; });
        if (found == item.choices.end()) {
            continue;
        }
        rows.push_back({QString::fromStdString(found->identifier),
                        routeImagesToProvider(QString::fromStdString(found->contentHtml)),
                        std::find(chosen.begin(), chosen.end(), choiceId) != chosen.end()});
    }
    return rows;
}

std::vector<QuestionPaletteModel::Entry> paletteEntries(const exam::Sitting& sitting) {
    std::vector<QuestionPaletteModel::Entry> entries;
    for (const auto& presented : sitting.presentationOrder()) {
        entries.push_back(
            {!sitting.answerOf(presented.itemId).empty(), sitting.isFlagged(presented.itemId)});
    }
    return entries;
}

std::vector<int> unansweredNumbers(const exam::Sitting& sitting) {
    return numbersWhere(sitting,
                        [&](const std::string& id) { return sitting.answerOf(id).empty(); });
}

std::vector<int> flaggedNumbers(const exam::Sitting& sitting) {
    return numbersWhere(sitting, [&](const std::string& id) { return sitting.isFlagged(id); });
}

AnswerEdit editAnswer(const exam::Item& item, std::vector<std::string> current,
                      const std::string& choiceId, bool selected) {
    using Kind = AnswerEdit::Kind;
    if (item.cardinality == exam::Cardinality::Single) {
        // A radio button is changed by choosing another one.
        return selected ? AnswerEdit{Kind::Write, {choiceId}} : AnswerEdit{Kind::Keep, {}};
    }
    const bool has = std::find(current.begin(), current.end(), choiceId) != current.end();
    if (selected && !has) {
        if (item.maxChoices > 0 && int(current.size()) >= item.maxChoices) {
            return {Kind::OverMaximum, {}};
        }
        current.push_back(choiceId);
    } else if (!selected && has) {
        current.erase(std::remove(current.begin(), current.end(), choiceId), current.end());
    }
    return {Kind::Write, std::move(current)};
}

} // namespace vigil::kiosk
