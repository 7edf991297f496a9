#include "routes/QueryRangeController.h"

#include "auth/Authorizer.h"
#include "history/HistoryStore.h"
#include "history/QueryRangeJson.h"
#include "http/PendingReply.h"
#include "stats/DaemonStats.h"

#include <QDateTime>
#include <QHttpServer>
#include <QRegularExpression>
#include <QtNumeric>

#include <cmath>

namespace lmcf {

namespace {
const QString kBadData = QStringLiteral("bad_data");

QPair<int, QByteArray> badData(const QString &message) {
    return {400, QueryRangeJson::writeError(kBadData, message)};
}

QUrlQuery parametersOf(const QHttpServerRequest &request) {
    QUrlQuery parameters = request.query();
    if (request.method() == QHttpServerRequest::Method::Post) {
        // Form values use '+' for spaces; QUrlQuery does not decode that by itself.
        QByteArray body = request.body();
        body.replace('+', ' ');
        const QUrlQuery form(QString::fromUtf8(body));
        for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded))
            parameters.addQueryItem(key, value);
    }
    return parameters;
}

//! Seconds as written (`1.5`, `1e3`), or nullopt when `text` is not a finite number.
std::optional<double> seconds(const QString &text) {
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}
} // namespace

QueryRangeController::QueryRangeController(const HistoryStore &history, DaemonStats &stats)
    : m_history(history)
    , m_stats(stats) {}

void QueryRangeController::registerRoutes(QHttpServer &server, const Authorizer &authorizer) {
    server.route(QStringLiteral("/api/v1/query_range"),
                 QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Post,
                 authorizer.guard(Permission::View, [this](const QHttpServerRequest &request,
                                                           QHttpServerResponder &&responder,
                                                           const Caller &) {
                     PendingReply reply(std::move(responder), request);
                     m_stats.track(reply, QByteArrayLiteral("/api/v1/query_range"));
                     const auto [status, body] = answer(parametersOf(request));
                     reply.send(status, body, QByteArrayLiteral("application/json"));
                 }));
}

QPair<int, QByteArray> QueryRangeController::answer(const QUrlQuery &parameters) const {
    const auto value = [&](const char *key) {
        return parameters.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    };
    for (const char *key : {"query", "start", "end", "step"}) {
        if (value(key).isEmpty())
            return badData(QStringLiteral("missing parameter \"%1\"").arg(QLatin1String(key)));
    }
    const auto selector = SeriesSelector::parse(value("query").toUtf8());
    if (!selector)
        return badData(QStringLiteral("invalid parameter \"query\": %1").arg(selector.error()));
    const auto start = parseTime(value("start"));
    if (!start)
        return badData(QStringLiteral("invalid parameter \"start\": %1").arg(start.error()));
    const auto end = parseTime(value("end"));
    if (!end)
        return badData(QStringLiteral("invalid parameter \"end\": %1").arg(end.error()));
    const auto step = parseDuration(value("step"));
    if (!step)
        return badData(QStringLiteral("invalid parameter \"step\": %1").arg(step.error()));
    if (*end < *start)
        return badData(QStringLiteral("end timestamp must not be before start time"));
    const auto series = m_history.query(*selector, *start, *end, *step);
    if (!series)
        return badData(series.error());
    return {200, QueryRangeJson::writeMatrix(*series)};
}

Outcome<qint64> QueryRangeController::parseTime(const QString &text) {
    if (const auto s = seconds(text)) {
        // Bounded well inside qint64 so that end - start and the step count cannot overflow.
        constexpr double limitS = 1e12;
        if (std::abs(*s) > limitS)
            return Outcome<qint64>::failure(
                QStringLiteral("timestamp \"%1\" is out of range").arg(text));
        return Outcome<qint64>::success(qint64(std::llround(*s * 1000)));
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || !text.contains(u'T'))
        return Outcome<qint64>::failure(
            QStringLiteral("cannot parse \"%1\" to a valid timestamp").arg(text));
    return Outcome<qint64>::success(time.toMSecsSinceEpoch());
}

Outcome<qint64> QueryRangeController::parseDuration(const QString &text) {
    qint64 ms = 0;
    if (const auto s = seconds(text)) {
        ms = *s > 0 && *s <= 1e12 ? qint64(std::llround(*s * 1000)) : -1;
    } else {
        // Prometheus durations: units from largest to smallest, each at most once.
        static const QRegularExpression pattern(
            QStringLiteral("^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)"
                           "s)?(?:(\\d+)ms)?$"));
        static const qint64 unitMs[] = {
            365LL * 86400000, 7LL * 86400000, 86400000, 3600000, 60000, 1000, 1};
        const auto match = pattern.match(text);
        if (!match.hasMatch())
            return Outcome<qint64>::failure(
                QStringLiteral("cannot parse \"%1\" to a valid duration").arg(text));
        for (int i = 0; i < 7; ++i) {
            qint64 part = 0;
            if (qMulOverflow(match.captured(i + 1).toLongLong(), unitMs[i], &part) ||
                qAddOverflow(ms, part, &ms))
                return Outcome<qint64>::failure(
                    QStringLiteral("duration \"%1\" is out of range").arg(text));
        }
    }
    if (ms <= 0)
        return Outcome<qint64>::failure(
            QStringLiteral("zero or negative query resolution step widths are not accepted. "
                           "Try a positive integer"));
    return Outcome<qint64>::success(ms);
}

} // namespace lmcf
