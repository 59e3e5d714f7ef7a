#include "vigil/kiosk/read_aloud.h"

#include <algorithm>

namespace vigil::kiosk {

namespace {

// A quarter of the engine's range per step: the slowest and fastest stay intelligible.
constexpr double kRatePerStep = 0.25;

} // namespace

ReadAloud::ReadAloud(QObject* parent)
    : QObject(parent) {}

ReadAloud::~ReadAloud() = default;

void ReadAloud::setUp(bool wanted, std::unique_ptr<SpeechOutput> output) {
    wanted_ = wanted;
    setOutput(std::move(output));
}

void ReadAloud::setOutput(std::unique_ptr<SpeechOutput> output) {
    output_ = std::move(output);
    applyRate();
    emit changed();
}

bool ReadAloud::enabled() const {
    return wanted_ && output_ && output_->available();
}

QString ReadAloud::engineName() const {
    return output_ ? output_->engineName() : QString();
}

QString ReadAloud::problem() const {
    if (!wanted_ || enabled()) {
        return {};
    }
    return output_ ? output_->problem() : tr("no speech engine");
}

QString ReadAloud::rateText() const {
    switch (rateStep_) {
    case kSlowestStep:
        return tr("Reading speed: slowest");
    case kSlowestStep + 1:
        return tr("Reading speed: slower");
    case 0:
        return tr("Reading speed: normal");
    case kFastestStep - 1:
        return tr("Reading speed: faster");
    default:
        return tr("Reading speed: fastest");
    }
}

QString ReadAloud::keyHelp() const {
    return tr("Reader keys: F2 read the question, F3 read the next answer (or the answer with "
              "focus), F4 repeat, F6 stop, F7 slower, F8 faster, F9 time left.");
}

void ReadAloud::speak(const QString& text) {
    if (!enabled() || text.trimmed().isEmpty()) {
        return;
    }
    lastSpoken_ = text;
    output_->say(text);
    emit spoken(text);
    emit used();
}

void ReadAloud::applyRate() {
    if (output_) {
        output_->setRate(rateStep_ * kRatePerStep);
    }
}

void ReadAloud::readQuestion() {
    if (!source_) {
        return;
    }
    const Content content = source_();
    QStringList parts;
    for (const QString& part : {content.heading, content.question, content.hint}) {
        if (!part.trimmed().isEmpty()) {
            parts << part.trimmed();
        }
    }
    parts << content.choices;
    speak(parts.join(u'\n'));
}

void ReadAloud::readChoice(int index) {
    if (!source_) {
        return;
    }
    const Content content = source_();
    const int count = int(content.choices.size());
    if (count == 0) {
        return;
    }
    if (index < 0 || index >= count) {
        index = (lastChoice_ + 1) % count;
    }
    lastChoice_ = index;
    speak(content.choices.at(index));
}

void ReadAloud::readTimeLeft() {
    if (source_) {
        speak(source_().timeLeft);
    }
}

void ReadAloud::repeat() {
    if (!lastSpoken_.isEmpty()) {
        speak(lastSpoken_);
    }
}

void ReadAloud::stop() {
    if (output_) {
        output_->stop();
    }
}

void ReadAloud::slower() {
    if (rateStep_ > kSlowestStep) {
        --rateStep_;
        rateChanged();
    }
}

void ReadAloud::faster() {
    if (rateStep_ < kFastestStep) {
        ++rateStep_;
        rateChanged();
    }
}

void ReadAloud::rateChanged() {
    applyRate();
    emit changed();
    // Said at the new speed so the candidate hears it; "repeat" still repeats the question.
    if (enabled()) {
        output_->say(rateText());
        emit spoken(rateText());
    }
}

} // namespace vigil::kiosk
