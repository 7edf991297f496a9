#include "history/QueryRangeJson.h"

#include "core/WholeNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace lmcf::QueryRangeJson {

namespace {
QByteArray formatValue(double value) {
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

double parseValue(const QString &text, bool *ok) {
    if (text == u"NaN") {
        *ok = true;
        return std::nan("");
    }
    if (text == u"+Inf" || text == u"Inf" || text == u"-Inf") {
        *ok = true;
        return text.startsWith(u'-') ? -INFINITY : INFINITY;
    }
    return text.toDouble(ok);
}
} // namespace

QByteArray writeMatrix(const QList<HistorySeries> &series) {
    QJsonArray result;
    for (const HistorySeries &s : series) {
        QJsonObject metric{{QStringLiteral("__name__"), QString::fromUtf8(s.name)}};
        for (const auto &[label, value] : s.labels)
            metric.insert(QString::fromUtf8(label), QString::fromUtf8(value));
        QJsonArray values;
        for (const HistoryPoint &p : s.points) {
            values.append(QJsonArray{double(p.timestampMs) / 1000.0,
                                     QString::fromLatin1(formatValue(p.value))});
        }
        result.append(
            QJsonObject{{QStringLiteral("metric"), metric}, {QStringLiteral("values"), values}});
    }
    const QJsonObject data{{QStringLiteral("resultType"), QStringLiteral("matrix")},
                           {QStringLiteral("result"), result}};
    return QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("success")},
                                     {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

QByteArray writeError(const QString &errorType, const QString &message) {
    return QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                                     {QStringLiteral("errorType"), errorType},
                                     {QStringLiteral("error"), message}})
        .toJson(QJsonDocument::Compact);
}

Outcome<QList<HistorySeries>> readMatrix(const QByteArray &json) {
    using Result = Outcome<QList<HistorySeries>>;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return Result::failure(
            QStringLiteral("query_range: not JSON: %1").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("status")).toString() != u"success")
        return Result::failure(QStringLiteral("query_range: %1")
                                   .arg(root.value(QStringLiteral("error"))
                                            .toString(QStringLiteral("status is not success"))));
    const QJsonObject data = root.value(QStringLiteral("data")).toObject();
    if (data.value(QStringLiteral("resultType")).toString() != u"matrix")
        return Result::failure(QStringLiteral("query_range: resultType is not matrix"));
    QList<HistorySeries> out;
    const QJsonArray result = data.value(QStringLiteral("result")).toArray();
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QJsonObject entry = result[i].toObject();
        HistorySeries series;
        const QJsonObject metric = entry.value(QStringLiteral("metric")).toObject();
        for (auto it = metric.begin(); it != metric.end(); ++it) {
            if (it.key() == u"__name__")
                series.name = it.value().toString().toUtf8();
            else
                series.labels.append({it.key().toUtf8(), it.value().toString().toUtf8()});
        }
        for (const QJsonValue &pair : entry.value(QStringLiteral("values")).toArray()) {
            const QJsonArray point = pair.toArray();
            bool ok = false;
            const double value = parseValue(point.at(1).toString(), &ok);
            const auto timeMs = wholeNumber(std::round(point.at(0).toDouble() * 1000));
            if (point.size() != 2 || !point.at(0).isDouble() || !ok || !timeMs)
                return Result::failure(
                    QStringLiteral("query_range: result[%1] has a malformed point").arg(i));
            series.points.append({*timeMs, value});
        }
        out.append(std::move(series));
    }
    return Result::success(out);
}

} // namespace lmcf::QueryRangeJson
