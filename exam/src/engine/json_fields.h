#pragma once
// Conversions and failures the engine's JSON forms share (journal, events, result record).
#include "vigil/crypto/hash.h"
#include "vigil/exam/sitting_error.h"

#include <QJsonObject>
#include <QString>
#include <array>
#include <cstdint>
#include <string>

namespace vigil::exam::detail {

inline QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

// `key` of `object` as exactly N bytes written in hex; false when absent or not that.
template <std::size_t N>
bool hexField(const QJsonObject& object, const char* key, std::array<std::uint8_t, N>& out) {
    const auto value = object.value(QLatin1String(key));
    return value.isString() && crypto::fromHex(value.toString().toStdString(), out);
}

[[noreturn]] inline void corrupt(const std::string& why) {
    throw SittingError(SittingErrorCode::CorruptJournal, "The sitting journal is damaged: " + why);
}

} // namespace vigil::exam::detail
