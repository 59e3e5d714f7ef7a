#include "vigil/sync/sitting_move.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/sitting_journal.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace vigil::sync {
namespace {

std::string compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

QString base64Of(const std::vector<std::uint8_t>& bytes) {
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()))
            .toBase64());
}

std::optional<std::vector<std::uint8_t>> base64Field(const QJsonObject& body, const char* name) {
    const auto value = body.value(QLatin1String(name));
    if (!value.isString()) {
        return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        return std::nullopt;
    }
    return std::vector<std::uint8_t>(decoded.decoded.begin(), decoded.decoded.end());
}

std::string textField(const QJsonObject& body, const char* name) {
    const auto value = body.value(QLatin1String(name));
    return value.isString() ? value.toString().trimmed().toStdString() : std::string();
}

std::optional<QJsonObject> objectOf(const std::string& body) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

// The kind of the last event the replica holds of a sitting, if it can be read.
std::optional<exam::EventKind> lastEventKind(const std::vector<std::string>& events) {
    if (events.empty()) {
        return std::nullopt;
    }
    try {
        return exam::parseEventJson(events.back()).kind;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string sittingMovedBody(const SittingMovedOrder& order) {
    return compact({{"sittingId", QString::fromStdString(order.sittingId)},
                    {"toSeat", QString::fromStdString(order.toSeat)}});
}

exam::Checked<SittingMovedOrder, std::string> readSittingMovedBody(const std::string& body) {
    const auto object = objectOf(body);
    if (!object) {
        return std::string("the command's body is not a JSON object");
    }
    SittingMovedOrder order{textField(*object, "sittingId"), textField(*object, "toSeat")};
    if (order.sittingId.empty() || order.toSeat.empty()) {
        return std::string("the command does not name the sitting and the seat it moved to");
    }
    return order;
}

std::string moveHereBody(const MoveHereOrder& order) {
    return compact({
        {"sittingId", QString::fromStdString(order.sittingId)},
        {"fromSeat", QString::fromStdString(order.fromSeat)},
        {"fromKioskKey", QString::fromStdString(crypto::toHex(order.fromKioskKey))},
        {"journal", base64Of(order.journal)},
        {"assignment", base64Of(order.assignment)},
        {"sealedContentKey", QString::fromStdString(crypto::toHex(order.sealedContentKey))},
    });
}

exam::Checked<MoveHereOrder, std::string> readMoveHereBody(const std::string& body) {
    const auto object = objectOf(body);
    if (!object) {
        return std::string("the command's body is not a JSON object");
    }
    MoveHereOrder order;
    order.sittingId = textField(*object, "sittingId");
    order.fromSeat = textField(*object, "fromSeat");
    if (order.sittingId.empty() || order.fromSeat.empty()) {
        return std::string("the command does not name the sitting and the seat it comes from");
    }
    if (!crypto::fromHex(textField(*object, "fromKioskKey"), order.fromKioskKey)) {
        return std::string("the command does not give the key of the PC the sitting comes from");
    }
    auto journal = base64Field(*object, "journal");
    auto assignment = base64Field(*object, "assignment");
    if (!journal || !assignment) {
        return std::string("the command carries no journal or no assignment (base64)");
    }
    order.journal = std::move(*journal);
    order.assignment = std::move(*assignment);
    const auto sealedHex = textField(*object, "sealedContentKey");
    order.sealedContentKey.resize(sealedHex.size() / 2);
    if (sealedHex.empty() || sealedHex.size() % 2 != 0 ||
        !crypto::fromHex(sealedHex, order.sealedContentKey)) {
        return std::string("the command carries no sealed content key");
    }
    return order;
}

// ---- SittingMove

SittingMove::SittingMove(ConsoleHub& hub, MoveRequest request)
    : hub_(hub)
    , request_(std::move(request)) {}

MoveStage SittingMove::stage() const {
    std::lock_guard lock(mutex_);
    return stage_;
}

std::string SittingMove::reason() const {
    std::lock_guard lock(mutex_);
    return reason_;
}

bool SittingMove::oldPcTold() const {
    std::lock_guard lock(mutex_);
    return oldPcTold_;
}

std::optional<ConsoleCommand> SittingMove::moveHereCommand() const {
    std::lock_guard lock(mutex_);
    return moveHere_;
}

void SittingMove::refuse(std::string reason) {
    std::lock_guard lock(mutex_);
    stage_ = MoveStage::Refused;
    reason_ = std::move(reason);
}

void SittingMove::start() {
    started_ = true;
    const auto sittings = hub_.sittings();
    const auto held = std::find_if(sittings.begin(), sittings.end(), [&](const auto& sitting) {
        return sitting.sittingId == request_.sittingId;
    });
    if (held == sittings.end()) {
        return refuse("the console holds no journal of sitting " + request_.sittingId +
                      ": it cannot be moved");
    }
    fromSeat_ = held->seat;
    if (fromSeat_ == request_.toSeat) {
        return refuse("the sitting is already at " + fromSeat_);
    }
    const auto enrolled = hub_.enrolled();
    const auto target = std::find_if(enrolled.begin(), enrolled.end(), [&](const auto& kiosk) {
        return kiosk.seat == request_.toSeat;
    });
    if (target == enrolled.end()) {
        return refuse(request_.toSeat + " is not an enrolled PC: enrol it first");
    }
    toKey_ = target->key;

    const auto told = hub_.sendCommand(fromSeat_, CommandKind::SittingMoved,
                                       sittingMovedBody({request_.sittingId, request_.toSeat}),
                                       [answers = answers_](const CommandResult& result) {
                                           std::lock_guard lock(answers->mutex);
                                           answers->oldPc = result;
                                       });
    if (told) {
        return; // TellingOldPc
    }
    if (!request_.oldPcConfirmedDead) {
        return refuse(fromSeat_ +
                      " is not connected: move the sitting only once the invigilator "
                      "has confirmed that " +
                      fromSeat_ + " is dead (it is told when it comes back)");
    }
    sendToNewPc();
}

void SittingMove::sendToNewPc() {
    std::vector<std::uint8_t> journal;
    bool oldPcTold = false;
    {
        std::lock_guard lock(mutex_);
        oldPcTold = oldPcTold_;
        stage_ = MoveStage::SendingToNewPc;
    }
    hub_.withReplica([&](JournalReplica& replica) {
        const auto head = replica.signedHead(request_.sittingId);
        if (!head) {
            return;
        }
        const auto events = replica.events(request_.sittingId);
        journal = exam::journalDocument(events, *head);
        // Before the new PC can send anything: its first batch extends the chain from here.
        replica.recordHandover(request_.sittingId, request_.toSeat, toKey_, oldPcTold);
    });
    if (journal.empty()) {
        return refuse("the console's journal of sitting " + request_.sittingId +
                      " has no signed head");
    }
    const auto sittings = hub_.sittings();
    crypto::SigningPublicKey fromKey{};
    for (const auto& sitting : sittings) {
        if (sitting.sittingId == request_.sittingId) {
            fromKey = sitting.kiosk;
        }
    }
    MoveHereOrder order{request_.sittingId, fromSeat_,           fromKey,
                        std::move(journal), request_.assignment, request_.sealedContentKey};
    auto sent = hub_.sendCommand(request_.toSeat, CommandKind::MoveSittingHere, moveHereBody(order),
                                 [answers = answers_](const CommandResult& result) {
                                     std::lock_guard lock(answers->mutex);
                                     answers->newPc = result;
                                 });
    if (!sent) {
        hub_.withReplica(
            [&](JournalReplica& replica) { replica.cancelHandover(request_.sittingId); });
        return refuse(sent.error().detail);
    }
    std::lock_guard lock(mutex_);
    moveHere_ = sent.value();
}

MoveStage SittingMove::step() {
    if (!started_) {
        start();
        return stage();
    }
    std::optional<CommandResult> oldAnswer;
    std::optional<CommandResult> newAnswer;
    MoveStage now;
    {
        std::lock_guard lock(mutex_);
        now = stage_;
    }
    {
        std::lock_guard lock(answers_->mutex);
        oldAnswer = answers_->oldPc;
        newAnswer = answers_->newPc;
    }
    switch (now) {
    case MoveStage::TellingOldPc:
        if (!oldAnswer) {
            break;
        }
        if (!oldAnswer->applied) {
            refuse(fromSeat_ + " refused to give the sitting up: " + oldAnswer->reason);
            break;
        }
        {
            std::lock_guard lock(mutex_);
            oldPcTold_ = true;
            stage_ = MoveStage::WaitingForOldJournal;
        }
        waitingSince_ = std::chrono::steady_clock::now();
        [[fallthrough]];
    case MoveStage::WaitingForOldJournal:
        // The new PC gets the journal with the old PC's SittingMoved, so both PCs' journals and
        // the console's are one chain.
        if (lastEventKind(hub_.journal(request_.sittingId)) == exam::EventKind::SittingMoved) {
            sendToNewPc();
        } else if (std::chrono::steady_clock::now() - waitingSince_ > request_.journalWait) {
            refuse(fromSeat_ + " gave the sitting up but its journal has not reached the "
                               "console: try the move again");
        }
        break;
    case MoveStage::SendingToNewPc:
        if (!newAnswer) {
            break;
        }
        if (newAnswer->applied) {
            std::lock_guard lock(mutex_);
            stage_ = MoveStage::Moved;
        } else {
            hub_.withReplica(
                [&](JournalReplica& replica) { replica.cancelHandover(request_.sittingId); });
            refuse(request_.toSeat + " refused the sitting: " + newAnswer->reason);
        }
        break;
    case MoveStage::Moved:
    case MoveStage::Refused:
        break;
    }
    return stage();
}

// ---- MovedAwayReminder

MovedAwayReminder::MovedAwayReminder(ConsoleHub& hub)
    : hub_(hub) {}

int MovedAwayReminder::step() {
    std::vector<std::string> told;
    {
        std::lock_guard lock(sent_->mutex);
        told.swap(sent_->told);
    }
    std::vector<JournalReplica::Handover> untold;
    hub_.withReplica([&](JournalReplica& replica) {
        for (const auto& sittingId : told) {
            replica.markOldPcTold(sittingId);
        }
        untold = replica.untoldOldPcs();
    });
    int sent = 0;
    for (const auto& handover : untold) {
        {
            std::lock_guard lock(sent_->mutex);
            auto& inFlight = sent_->inFlight;
            const auto now = std::chrono::steady_clock::now();
            std::erase_if(inFlight, [&](const auto& sent) {
                return now - sent.second > std::chrono::seconds(10);
            });
            if (std::any_of(inFlight.begin(), inFlight.end(),
                            [&](const auto& sent) { return sent.first == handover.sittingId; })) {
                continue;
            }
            inFlight.emplace_back(handover.sittingId, now);
        }
        const auto sittingId = handover.sittingId;
        auto result = hub_.sendCommand(handover.fromSeat, CommandKind::SittingMoved,
                                       sittingMovedBody({handover.sittingId, handover.toSeat}),
                                       [box = sent_, sittingId](const CommandResult& answer) {
                                           std::lock_guard lock(box->mutex);
                                           std::erase_if(box->inFlight, [&](const auto& sent) {
                                               return sent.first == sittingId;
                                           });
                                           if (answer.applied) {
                                               box->told.push_back(sittingId);
                                           }
                                       });
        if (!result) {
            std::lock_guard lock(sent_->mutex); // not connected: next time
            std::erase_if(sent_->inFlight,
                          [&](const auto& sent) { return sent.first == sittingId; });
        } else {
            ++sent;
        }
    }
    return sent;
}

} // namespace vigil::sync
