#pragma once

#include "vigil/store/database.h"

#include <span>

namespace vigil::store {

// Brings the schema up to the newest migration, one transaction per step. Throws NewerSchema
// when the file is ahead of every migration given, Misuse when versions do not rise from 1.
void applyMigrations(Database& db, std::span<const Migration> migrations);

} // namespace vigil::store
