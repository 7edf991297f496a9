#pragma once

#include <QByteArray>
#include <QString>

namespace lmcf::ApiError {

//! `{"detail":"<message>"}`, the original's (FastAPI's) error body.
QByteArray write(const QString &detail);

//! The message in an error body: `detail` when it is a string, the compact JSON of `detail`
//! when it is something else (FastAPI validation errors are arrays), else the body itself as
//! text (trimmed, at most 500 characters) so a proxy's HTML error page still says something.
QString read(const QByteArray &body);

//! The detail of the daemon's 403 for a caller whose role is too low (a viewer token). Clients
//! tell it from other 403s (a node path blocked for everyone) by this text.
inline QString operatorRoleNeeded() {
    return QStringLiteral("the operator role is needed for this");
}

} // namespace lmcf::ApiError
