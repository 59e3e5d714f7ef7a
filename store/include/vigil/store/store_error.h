#pragma once

#include <stdexcept>
#include <string>

namespace vigil::store {

enum class StoreErrorCode {
    WrongKey,         // the file exists but this key does not open it
    NotEncrypted,     // the file is plain SQLite, or SQLCipher is not really in use
    MissingDirectory, // the folder for the database does not exist
    ReadOnly,         // the file or its folder cannot be written
    DiskFull,
    Corrupt,     // integrity or page authentication failed
    NewerSchema, // written by a newer Vigil than this one
    Constraint,  // a UNIQUE / CHECK / FOREIGN KEY constraint refused the write
    Busy,
    Io,
    Misuse, // a programming error: bad SQL, wrong bind index, ...
};

// Thrown by every store call that fails. what() is a sentence for a person, naming the file.
class StoreError : public std::runtime_error {
public:
    StoreError(StoreErrorCode code, const std::string& message)
        : std::runtime_error(message)
        , code_(code) {}
    [[nodiscard]] StoreErrorCode code() const noexcept { return code_; }

private:
    StoreErrorCode code_;
};

} // namespace vigil::store
