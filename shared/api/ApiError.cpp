#include "api/ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lmcf::ApiError {

QByteArray write(const QString &detail) {
    return QJsonDocument(QJsonObject{{u"detail"_s, detail}}).toJson(QJsonDocument::Compact);
}

QString read(const QByteArray &body) {
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue detail = document.object().value(u"detail"_s);
    if (detail.isString())
        return detail.toString();
    if (detail.isArray())
        return QString::fromUtf8(QJsonDocument(detail.toArray()).toJson(QJsonDocument::Compact));
    if (detail.isObject())
        return QString::fromUtf8(QJsonDocument(detail.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(body).trimmed().left(500);
}

} // namespace lmcf::ApiError
