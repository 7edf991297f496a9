#pragma once

#include <QString>

namespace lmcf::LogLevel {

//! Applies an operator's log level (debug, info, warning, error, critical — the original's
//! names) to every `lmcf.*` logging category. Returns false, changing nothing, on an unknown
//! level.
bool apply(const QString &level);

} // namespace lmcf::LogLevel
