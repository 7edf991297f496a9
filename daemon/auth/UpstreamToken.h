#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QString>

class QNetworkRequest;
class QUrl;

namespace lmcf {

//! `--upstream-token-file`: the bearer token this daemon presents to the dashboards it reads
//! (node proxies, the supplier). The token itself is never logged.
namespace UpstreamToken {

//! The `Authorization` header value (`Bearer <token>`) from the file's first line. A missing,
//! unreadable or empty file, or a token with spaces or control characters, fails with one line
//! naming the flag (never quoting the file's content).
Outcome<QByteArray> readAuthorization(const QString &path);

//! A request for `url` carrying `Authorization: <authorization>`, or none when that is empty.
QNetworkRequest request(const QUrl &url, const QByteArray &authorization);

} // namespace UpstreamToken
} // namespace lmcf
