#include "auth/TokenStore.h"

#include "auth/ConstantTime.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace lmcf {

namespace {
const QRegularExpression &namePattern() {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    return pattern;
}
} // namespace

QByteArray TokenStore::hash(QByteArrayView token) {
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Outcome<TokenStore> TokenStore::load(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Outcome<TokenStore>::failure(
            QStringLiteral("--auth-file: cannot read %1: %2").arg(path, file.errorString()));
    return parse(file.readAll());
}

Outcome<TokenStore> TokenStore::parse(const QByteArray &text) {
    TokenStore store;
    int lineNumber = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> fields = line.split(':');
        const auto role =
            fields.size() == 3 ? roleFromName(QString::fromUtf8(fields[1])) : std::nullopt;
        const QByteArray digest =
            fields.size() == 3 ? QByteArray::fromHex(fields[2]) : QByteArray();
        const QString name = QString::fromUtf8(fields.value(0));
        if (!role || digest.size() != 32 || fields[2].size() != 64 ||
            !namePattern().match(name).hasMatch())
            return Outcome<TokenStore>::failure(
                QStringLiteral("--auth-file: line %1: expected name:viewer|operator:sha256hex")
                    .arg(lineNumber));
        store.m_entries.append({Caller{name, *role}, digest});
    }
    return Outcome<TokenStore>::success(store);
}

std::optional<Caller> TokenStore::identify(QByteArrayView token) const {
    if (token.isEmpty())
        return std::nullopt;
    const QByteArray presented = hash(token);
    std::optional<Caller> found;
    for (const Entry &entry : m_entries) {
        if (constantTimeEquals(presented, entry.sha256) && !found)
            found = entry.caller;
    }
    return found;
}

Outcome<QByteArray> TokenStore::addToken(const QString &path, const QString &name, Role role) {
    using Result = Outcome<QByteArray>;
    if (!namePattern().match(name).hasMatch())
        return Result::failure(QStringLiteral("--name: 1-64 characters of A-Z a-z 0-9 . _ @ -"));
    if (QFile::exists(path)) {
        const auto existing = load(path);
        if (!existing)
            return Result::failure(existing.error());
    }
    quint32 random[8];
    QRandomGenerator::system()->fillRange(random);
    const QByteArray token =
        "lmcf_" + QByteArray(reinterpret_cast<const char *>(random), sizeof random)
                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QFile file(path);
    const bool created = !file.exists();
    if (!file.open(QIODevice::Append | QIODevice::Text))
        return Result::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (created)
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    const QByteArray line =
        name.toUtf8() + ':' + roleName(role).toUtf8() + ':' + hash(token).toHex() + '\n';
    if (file.write(line) != line.size() || !file.flush())
        return Result::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Result::success(token);
}

} // namespace lmcf
