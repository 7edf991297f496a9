#include "registry/EtcdCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace lmcf::EtcdCodec {

namespace {

QByteArray compact(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString base64(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toBase64());
}

Outcome<QByteArray> fromBase64(const QJsonValue &value, const char *field) {
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Outcome<QByteArray>::failure(u"%1: not base64"_s.arg(QLatin1StringView(field)));
    return Outcome<QByteArray>::success(*decoded);
}

qint64 int64Or0(const QJsonObject &object, const QString &field) {
    return toInt64(object.value(field)).value_or(0);
}

Outcome<QJsonObject> objectFrom(const QByteArray &body) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Outcome<QJsonObject>::failure(u"etcd answer is not JSON: "_s + error.errorString());
    if (!document.isObject())
        return Outcome<QJsonObject>::failure(u"etcd answer is not a JSON object"_s);
    return Outcome<QJsonObject>::success(document.object());
}

Outcome<KeyValue> keyValueFrom(const QJsonObject &object) {
    const auto key = fromBase64(object.value(u"key"_s), "key");
    const auto value = fromBase64(object.value(u"value"_s), "value");
    if (!key || !value)
        return Outcome<KeyValue>::failure(key ? value.error() : key.error());
    return Outcome<KeyValue>::success(KeyValue{key.value(), value.value(),
                                               int64Or0(object, u"lease"_s),
                                               int64Or0(object, u"mod_revision"_s)});
}

QString errorText(const QJsonValue &error, const QJsonObject &root) {
    if (error.isObject())
        return error.toObject().value(u"message"_s).toString();
    const QString message = root.value(u"message"_s).toString();
    return message.isEmpty() ? error.toString() : message;
}

} // namespace

std::optional<qint64> toInt64(const QJsonValue &value) {
    if (value.isDouble())
        return value.toInteger();
    if (!value.isString())
        return std::nullopt;
    bool ok = false;
    const qint64 number = value.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(number) : std::nullopt;
}

QByteArray grantRequest(qint64 ttlS) {
    return compact({{u"TTL"_s, QString::number(ttlS)}});
}

QByteArray keepAliveRequest(qint64 leaseId) {
    return compact({{u"ID"_s, QString::number(leaseId)}});
}

QByteArray putRequest(const QByteArray &key, const QByteArray &value, qint64 leaseId) {
    QJsonObject request{{u"key"_s, base64(key)}, {u"value"_s, base64(value)}};
    if (leaseId != 0)
        request.insert(u"lease"_s, QString::number(leaseId));
    return compact(request);
}

QByteArray rangeRequest(const QByteArray &key, const QByteArray &rangeEnd) {
    return compact({{u"key"_s, base64(key)}, {u"range_end"_s, base64(rangeEnd)}});
}

QByteArray deleteRangeRequest(const QByteArray &key, const QByteArray &rangeEnd) {
    return rangeRequest(key, rangeEnd); // the same two fields
}

QByteArray watchRequest(const QByteArray &key, const QByteArray &rangeEnd, qint64 startRevision) {
    QJsonObject create{{u"key"_s, base64(key)}, {u"range_end"_s, base64(rangeEnd)}};
    if (startRevision > 0)
        create.insert(u"start_revision"_s, QString::number(startRevision));
    return compact({{u"create_request"_s, create}});
}

std::optional<Error> parseError(const QByteArray &body) {
    const auto root = objectFrom(body);
    if (!root || !root->contains(u"error"_s))
        return std::nullopt;
    const QJsonValue error = root->value(u"error"_s);
    const QJsonValue code =
        error.isObject() ? error.toObject().value(u"grpc_code"_s) : root->value(u"code"_s);
    return Error{code.toInt(), errorText(error, root.value())};
}

Outcome<Lease> parseGrant(const QByteArray &body) {
    const auto root = objectFrom(body);
    if (!root)
        return Outcome<Lease>::failure(root.error());
    if (const auto error = parseError(body))
        return Outcome<Lease>::failure(u"lease grant: "_s + error->message);
    const auto id = toInt64(root->value(u"ID"_s));
    if (!id || *id == 0)
        return Outcome<Lease>::failure(u"lease grant: answer has no lease ID"_s);
    return Outcome<Lease>::success(Lease{*id, int64Or0(root.value(), u"TTL"_s)});
}

Outcome<qint64> parseKeepAlive(const QByteArray &body) {
    const auto root = objectFrom(body);
    if (!root)
        return Outcome<qint64>::failure(root.error());
    if (const auto error = parseError(body))
        return Outcome<qint64>::failure(u"lease keepalive: "_s + error->message);
    if (!root->value(u"result"_s).isObject())
        return Outcome<qint64>::failure(u"lease keepalive: answer has no result"_s);
    return Outcome<qint64>::success(
        std::max<qint64>(0, int64Or0(root->value(u"result"_s).toObject(), u"TTL"_s)));
}

Outcome<Range> parseRange(const QByteArray &body) {
    const auto root = objectFrom(body);
    if (!root)
        return Outcome<Range>::failure(root.error());
    if (const auto error = parseError(body))
        return Outcome<Range>::failure(u"range: "_s + error->message);
    Range range;
    range.revision = int64Or0(root->value(u"header"_s).toObject(), u"revision"_s);
    for (const QJsonValue item : root->value(u"kvs"_s).toArray()) {
        const auto kv = keyValueFrom(item.toObject());
        if (!kv)
            return Outcome<Range>::failure(u"range: "_s + kv.error());
        range.kvs.append(kv.value());
    }
    return Outcome<Range>::success(range);
}

Outcome<WatchMessage> parseWatchLine(const QByteArray &line) {
    using R = Outcome<WatchMessage>;
    const auto root = objectFrom(line);
    if (!root)
        return R::failure(root.error());
    if (root->contains(u"error"_s))
        return R::failure(u"watch: "_s + errorText(root->value(u"error"_s), root.value()));
    if (!root->value(u"result"_s).isObject())
        return R::failure(u"watch: line has no result"_s);
    const QJsonObject result = root->value(u"result"_s).toObject();
    WatchMessage message;
    message.created = result.value(u"created"_s).toBool();
    message.canceled = result.value(u"canceled"_s).toBool();
    message.cancelReason = result.value(u"cancel_reason"_s).toString();
    message.compactRevision = int64Or0(result, u"compact_revision"_s);
    message.revision = int64Or0(result.value(u"header"_s).toObject(), u"revision"_s);
    for (const QJsonValue item : result.value(u"events"_s).toArray()) {
        const QJsonObject event = item.toObject();
        const auto kv = keyValueFrom(event.value(u"kv"_s).toObject());
        if (!kv)
            return R::failure(u"watch: "_s + kv.error());
        message.events.append(Event{event.value(u"type"_s).toString() == u"DELETE", kv.value()});
    }
    return R::success(message);
}

} // namespace lmcf::EtcdCodec
