#include "auth/AuditLog.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lmcf {

AuditLog::AuditLog(QString path, std::function<QDateTime()> clock)
    : m_path(std::move(path))
    , m_clock(clock ? std::move(clock) : [] { return QDateTime::currentDateTimeUtc(); }) {}

AuditLog::~AuditLog() = default;

Outcome<bool> AuditLog::open() {
    if (!isEnabled() || m_file.isOpen())
        return Outcome<bool>::success(true);
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::Append | QIODevice::Text))
        return Outcome<bool>::failure(QStringLiteral("--audit-log: cannot append to %1: %2")
                                          .arg(m_path, m_file.errorString()));
    return Outcome<bool>::success(true);
}

void AuditLog::record(const AuditEntry &entry) {
    if (!isEnabled() || (!m_file.isOpen() && !open()))
        return;
    const QJsonObject line{
        {QStringLiteral("time"), m_clock().toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("token"), entry.caller.name},
        {QStringLiteral("role"), roleName(entry.caller.role)},
        {QStringLiteral("client"), entry.client},
        {QStringLiteral("node"), entry.node},
        {QStringLiteral("method"), QString::fromLatin1(entry.method)},
        {QStringLiteral("path"), entry.path},
        {QStringLiteral("status"), entry.status},
    };
    m_file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace lmcf
