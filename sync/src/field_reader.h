#pragma once

// Internal to sync/: the strict reader every JSON message of the link is decoded with.
#include "vigil/sync/messages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace vigil::sync::detail {

inline constexpr std::int64_t kMaxSafeInteger =
    (std::int64_t(1) << 53) - 1; // exact in a JSON number

inline QString key(const char* name) {
    return QString::fromLatin1(name);
}
inline QJsonValue text(const std::string& value) {
    return QString::fromStdString(value);
}

// Reads a message's fields, remembering the first one that breaks the schema: every field
// present with its type and within its limit; unknown fields are ignored.
class FieldReader {
public:
    FieldReader(QJsonObject object, const char* message)
        : object_(std::move(object))
        , message_(message) {}

    std::string text(const char* name, std::size_t maxBytes = kMaxTextField) {
        const auto value = object_.value(key(name));
        if (!value.isString()) {
            refuse(name, "missing or not text");
            return {};
        }
        auto bytes = value.toString().toStdString();
        if (bytes.size() > maxBytes) {
            refuse(name, "longer than " + std::to_string(maxBytes) + " bytes");
            return {};
        }
        return bytes;
    }

    std::int64_t integer(const char* name, std::int64_t min, std::int64_t max) {
        const auto value = object_.value(key(name));
        const double number = value.toDouble();
        if (!value.isDouble() || std::floor(number) != number || number < double(min) ||
            number > double(max)) {
            refuse(name, "missing, not a whole number, or outside " + std::to_string(min) + ".." +
                             std::to_string(max));
            return min;
        }
        return std::int64_t(number);
    }

    // A field a peer of an older version does not send: `absent` then; when present, as
    // integer().
    std::int64_t optionalInteger(const char* name, std::int64_t min, std::int64_t max,
                                 std::int64_t absent) {
        return object_.contains(key(name)) ? integer(name, min, max) : absent;
    }

    std::vector<std::string> texts(const char* name, std::size_t maxCount, std::size_t maxBytes) {
        const auto value = object_.value(key(name));
        if (!value.isArray() || std::size_t(value.toArray().size()) > maxCount) {
            refuse(name, "missing, not a list, or over " + std::to_string(maxCount) + " entries");
            return {};
        }
        std::vector<std::string> values;
        for (const auto& entry : value.toArray()) {
            if (!entry.isString() || std::size_t(entry.toString().toUtf8().size()) > maxBytes) {
                refuse(name, "an entry is not text or over " + std::to_string(maxBytes) + " bytes");
                return {};
            }
            values.push_back(entry.toString().toStdString());
        }
        return values;
    }

    // A list of objects, each read by `read` with a reader of its own (named name[i]).
    template <class T, class Read>
    std::vector<T> objects(const char* name, std::size_t maxCount, Read read) {
        const auto value = object_.value(key(name));
        if (!value.isArray() || std::size_t(value.toArray().size()) > maxCount) {
            refuse(name, "missing, not a list, or over " + std::to_string(maxCount) + " entries");
            return {};
        }
        std::vector<T> values;
        const auto array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const std::string entryName =
                std::string(message_) + "." + name + "[" + std::to_string(i) + "]";
            if (!array[i].isObject()) {
                refuse(name, "an entry is not an object");
                return {};
            }
            FieldReader entry(array[i].toObject(), entryName.c_str());
            values.push_back(read(entry));
            if (entry.failure_) {
                failure_ = entry.failure_;
                return {};
            }
        }
        return values;
    }

    bool boolean(const char* name) {
        const auto value = object_.value(key(name));
        if (!value.isBool()) {
            refuse(name, "missing or not true or false");
            return false;
        }
        return value.toBool();
    }

    // A field that has its type but breaks a rule of its own (named in `why`).
    void require(bool ok, const char* name, const std::string& why) {
        if (!ok) {
            refuse(name, why);
        }
    }

    template <class Enum, std::size_t N>
    Enum choice(const char* name, const std::array<const char*, N>& names) {
        const auto value = text(name);
        for (std::size_t i = 0; i < N; ++i) {
            if (value == names[i]) {
                return Enum(i);
            }
        }
        refuse(name, "not one of the known values");
        return Enum(0);
    }

    template <class T> LinkResult<Message> result(T value) const {
        if (failure_) {
            return *failure_;
        }
        return Message(std::move(value));
    }

    // The first field that broke the schema, if any.
    [[nodiscard]] const std::optional<LinkFailure>& failure() const { return failure_; }

private:
    void refuse(const char* name, const std::string& why) {
        if (!failure_) {
            failure_ = LinkFailure{LinkError::MalformedMessage,
                                   std::string(message_) + "." + name + ": " + why};
        }
    }

    QJsonObject object_;
    const char* message_;
    std::optional<LinkFailure> failure_;
};

} // namespace vigil::sync::detail
