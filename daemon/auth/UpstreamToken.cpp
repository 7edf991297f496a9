#include "auth/UpstreamToken.h"

#include <QFile>
#include <QNetworkRequest>

#include <algorithm>

namespace lmcf::UpstreamToken {

Outcome<QByteArray> readAuthorization(const QString &path) {
    using Result = Outcome<QByteArray>;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("--upstream-token-file: cannot read %1: %2")
                                   .arg(path, file.errorString()));
    // One line is a token; 64 KiB is far more than any, and bounds what a wrong path reads.
    const QByteArray token = file.read(64 * 1024).split('\n').value(0).trimmed();
    if (token.isEmpty())
        return Result::failure(
            QStringLiteral("--upstream-token-file: %1 holds no token on its first line").arg(path));
    const bool printable =
        std::all_of(token.begin(), token.end(), [](char c) { return c > ' ' && c < 127; });
    if (!printable)
        return Result::failure(
            QStringLiteral("--upstream-token-file: the token in %1 has spaces or control "
                           "characters")
                .arg(path));
    return Result::success(QByteArrayLiteral("Bearer ") + token);
}

QNetworkRequest request(const QUrl &url, const QByteArray &authorization) {
    QNetworkRequest out(url);
    if (!authorization.isEmpty())
        out.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    return out;
}

} // namespace lmcf::UpstreamToken
