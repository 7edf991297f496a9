#pragma once

#include "core/Outcome.h"

#include <QString>

namespace lmcf::NodeName {

//! Longest accepted node name.
inline constexpr int maxLength = 128;

//! Checks that `name` can be used as one URL path segment (`/proxy2/{name}/...`) and shown
//! safely: non-empty, at most maxLength, no '/', '\\', '%', '?', '#', no "..", no whitespace or
//! control characters. Returns the name unchanged, or a reason (no field path) saying what is
//! not allowed.
Outcome<QString> validate(const QString &name);

} // namespace lmcf::NodeName
