#pragma once

#include "vigil/exam/sitting_journal.h"

#include <QJsonObject>

namespace vigil::exam::detail {

// The JSON form of events and headers, shared by the journal's storage, export and hash.
[[nodiscard]] QJsonObject eventToJson(const SittingEvent& event);
[[nodiscard]] SittingEvent eventFromJson(const QJsonObject& object); // throws CorruptJournal
[[nodiscard]] std::string compactJson(const QJsonObject& object);
[[nodiscard]] QJsonObject parseObject(std::string_view json); // throws CorruptJournal

} // namespace vigil::exam::detail
