#pragma once

#include "vigil/checked.h"

namespace vigil::exam {

// The one result template (vigil/checked.h), by the name the exam and sync areas use:
// Checked<T, PackageFailure>, Checked<T, LinkFailure>, ...
using vigil::Checked;

} // namespace vigil::exam
