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

} // namespace lmcf::ApiError
