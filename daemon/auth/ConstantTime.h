#pragma once

#include <QByteArrayView>

namespace lmcf {

//! Compares two secrets in time that depends only on their lengths, not on where they differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace lmcf
