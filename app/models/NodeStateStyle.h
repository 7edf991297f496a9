#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace lmcf::NodeStateStyle {

//! The colour of a node state ("alive", "suspect", "down", "static", "" = unknown).
QColor colour(const QString &state);
//! A small filled dot in the state's colour (cached).
QIcon icon(const QString &state);
//! Text for the operator: "alive", "suspect", "down", "static", "unknown".
QString label(const QString &state);
//! The colour of an L1 usage ratio: red > 90 %, yellow > 70 %, else green (the original's).
QColor usageColour(double ratio);

} // namespace lmcf::NodeStateStyle
