#include "FixtureDaemon.h"

#include "TestData.h"
#include "api/ApiError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cmath>

namespace lmcf::test {

namespace {

//! `<instance>_scheduler` / `<instance>_worker<i>`: a process inside vLLM (no /api/status).
bool isVllmProcess(const QString &node) {
    return node.endsWith(QLatin1String("_scheduler")) || node.contains(QLatin1String("_worker"));
}

QString familyOf(const QString &node) {
    if (node.startsWith(QLatin1String("gpu-")) || isVllmProcess(node))
        return QStringLiteral("metrics-vllm.txt");
    if (node == QLatin1String("proxy_10.0.0.6_8085"))
        return QStringLiteral("metrics-mp.txt");
    return {}; // the down node
}

const QStringList kLiveNodes = {QStringLiteral("gpu-a-0"), QStringLiteral("gpu-a-1"),
                                QStringLiteral("proxy_10.0.0.6_8085")};

//! A counter that grows about 1 % of its fixture value per second, with a slow wave.
double counterAt(double base, double seconds, int nodeSalt) {
    const double rate = base / 100.0;
    return base + rate * seconds + rate * 40.0 * std::sin(seconds / (180.0 + 30 * nodeSalt));
}

QHttpServerResponse
json(const QByteArray &body,
     QHttpServerResponse::StatusCode code = QHttpServerResponse::StatusCode::Ok) {
    return QHttpServerResponse(QByteArrayLiteral("application/json"), body, code);
}

} // namespace

FixtureDaemon::FixtureDaemon() = default;
FixtureDaemon::~FixtureDaemon() = default;

void FixtureDaemon::setTokens(const QString &operatorToken, const QString &viewerToken) {
    m_operatorToken = operatorToken;
    m_viewerToken = viewerToken;
}

bool FixtureDaemon::start() {
    m_clock.start();
    // History starts an hour before "now" so query_range has something to show.
    m_startSecs = QDateTime::currentSecsSinceEpoch() - 3600;
    m_server.route(QStringLiteral("/health"),
                   [] { return json(R"({"status":"healthy","service":"lmcache-monitor"})"); });
    m_server.route(QStringLiteral("/api/nodes"), [this](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, false))
            return std::move(*refused);
        return nodes();
    });
    m_server.route(QStringLiteral("/metrics"), [this](const QHttpServerRequest &request) {
        if (auto refused = refuse(request, false))
            return std::move(*refused);
        return metrics();
    });
    m_server.route(QStringLiteral("/api/v1/query_range"), [this](const QHttpServerRequest &r) {
        if (auto refused = refuse(r, false))
            return std::move(*refused);
        return queryRange(r);
    });
    m_server.route(QStringLiteral("/proxy2/<arg>/<arg>"),
                   [this](const QString &node, const QUrl &rest, const QHttpServerRequest &r) {
                       return nodePage(node, rest, r);
                   });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FixtureDaemon::url() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

std::optional<QHttpServerResponse> FixtureDaemon::refuse(const QHttpServerRequest &request,
                                                         bool changesState) const {
    if (m_operatorToken.isEmpty())
        return std::nullopt;
    const QByteArray auth = request.value(QByteArrayLiteral("Authorization"));
    if (auth == "Bearer " + m_operatorToken.toUtf8())
        return std::nullopt;
    if (auth == "Bearer " + m_viewerToken.toUtf8()) {
        if (!changesState)
            return std::nullopt;
        return json(ApiError::write(ApiError::operatorRoleNeeded()),
                    QHttpServerResponse::StatusCode::Forbidden);
    }
    return json(R"({"detail":"missing or unknown token"})",
                QHttpServerResponse::StatusCode::Unauthorized);
}

QHttpServerResponse FixtureDaemon::nodes() const {
    return json(readData(QStringLiteral("app/nodes.json")));
}

QByteArray FixtureDaemon::nodeMetrics(const QString &node, double atSeconds, bool labelled) const {
    const QString file = familyOf(node);
    if (file.isEmpty())
        return {};
    const int salt = int(kLiveNodes.indexOf(node));
    QByteArray out;
    bool counter = false;
    for (const QByteArray &line : readData(QStringLiteral("app/") + file).split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith('#')) {
            counter = line.startsWith("# TYPE") && line.endsWith(" counter");
            if (!labelled)
                out += line + '\n';
            continue;
        }
        const qsizetype space = line.lastIndexOf(' ');
        QByteArray name = line.left(space);
        const double base = line.mid(space + 1).toDouble();
        const double value =
            counter ? counterAt(base, atSeconds, salt) : base * (1.0 - 0.05 * salt);
        if (labelled) {
            const QByteArray label = "node=\"" + node.toUtf8() + '"';
            name = name.contains('{') ? name.replace('{', QByteArray('{' + label + ','))
                                      : name + '{' + label + '}';
        }
        out += name + ' ' + QByteArray::number(value, 'f', 3) + '\n';
    }
    return out;
}

QHttpServerResponse FixtureDaemon::metrics() const {
    const double seconds = QDateTime::currentMSecsSinceEpoch() / 1000.0 - double(m_startSecs);
    QByteArray text;
    // One HELP/TYPE per family would be right; the app's reader does not care.
    text += "# TYPE lmcache_fleet_node_up gauge\n";
    for (const QString &node : kLiveNodes) {
        const bool up = !m_unreachable.contains(node);
        text += "lmcache_fleet_node_up{node=\"" + node.toUtf8() + "\"} " + (up ? "1\n" : "0\n");
    }
    for (const QString &node : kLiveNodes) {
        if (!m_unreachable.contains(node))
            text += nodeMetrics(node, seconds, true);
    }
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4"), text);
}

QHttpServerResponse FixtureDaemon::queryRange(const QHttpServerRequest &request) const {
    const QUrlQuery query = request.query();
    const QString selector = query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
    // `name` or `name{node="x",...}`: only the node label narrows the answer here.
    const QString name = selector.section(u'{', 0, 0);
    static const QRegularExpression nodeLabel(QStringLiteral("node=\"([^\"]+)\""));
    const QString onlyNode = nodeLabel.match(selector).captured(1);
    const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong();
    const qint64 end = query.queryItemValue(QStringLiteral("end")).toLongLong();
    const qint64 step = qMax<qint64>(1, query.queryItemValue(QStringLiteral("step")).toLongLong());
    QJsonArray result;
    for (const QString &node : kLiveNodes) {
        if (!onlyNode.isEmpty() && node != onlyNode)
            continue;
        // The series' value at the first and last time tell base and growth: cheap to sample.
        QJsonArray values;
        for (const QByteArray &line : nodeMetrics(node, 0, true).split('\n')) {
            if (!line.startsWith(QByteArray(name.toUtf8() + '{')))
                continue;
            const double atZero = line.mid(line.lastIndexOf(' ') + 1).toDouble();
            const bool counter = nodeMetrics(node, 100, true).contains(line) == false;
            for (qint64 t = qMax(start, m_startSecs); t <= end; t += step) {
                const double seconds = double(t - m_startSecs);
                const double value =
                    counter ? counterAt(atZero, seconds, int(kLiveNodes.indexOf(node))) : atZero;
                values.append(QJsonArray{double(t), QString::number(value, 'f', 3)});
            }
            break;
        }
        if (!values.isEmpty())
            result.append(QJsonObject{
                {QStringLiteral("metric"),
                 QJsonObject{{QStringLiteral("__name__"), name}, {QStringLiteral("node"), node}}},
                {QStringLiteral("values"), values}});
    }
    const QJsonObject root{{QStringLiteral("status"), QStringLiteral("success")},
                           {QStringLiteral("data"),
                            QJsonObject{{QStringLiteral("resultType"), QStringLiteral("matrix")},
                                        {QStringLiteral("result"), result}}}};
    return json(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

QHttpServerResponse FixtureDaemon::nodePage(const QString &node, const QUrl &rest,
                                            const QHttpServerRequest &request) {
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (auto refused = refuse(request, post))
        return std::move(*refused);
    if (familyOf(node).isEmpty())
        return json(R"({"detail":"node did not answer"})",
                    QHttpServerResponse::StatusCode::BadGateway);
    const QString path = rest.path();
    const bool mp = familyOf(node) == QLatin1String("metrics-mp.txt");
    if (path == QLatin1String("api/clear-cache") && post) {
        m_cleared << node;
        return json(R"({"status":"ok"})");
    }
    if (path == QLatin1String("metrics"))
        return QHttpServerResponse(
            QByteArrayLiteral("text/plain"),
            nodeMetrics(node, QDateTime::currentMSecsSinceEpoch() / 1000.0 - double(m_startSecs),
                        false));
    if (path == QLatin1String("version"))
        return json(mp ? R"("0.3.8-1f2e3d4")" : R"("0.3.9-abc1234")");
    if (path == QLatin1String("loglevel"))
        return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                   readData(QStringLiteral("app/loglevel.txt")));
    static const QHash<QString, QString> files = {
        {QStringLiteral("api/status"), QStringLiteral("status.json")},
        {QStringLiteral("threads"), QStringLiteral("threads.json")},
        {QStringLiteral("conf"), QStringLiteral("conf.json")},
        {QStringLiteral("meta"), QStringLiteral("meta.json")},
        {QStringLiteral("inference_info"), QStringLiteral("inference_info.json")},
        {QStringLiteral("env"), QStringLiteral("env.json")}};
    const bool vllmOnly = path == QLatin1String("meta") || path == QLatin1String("inference_info");
    if (path == QLatin1String("api/status") && isVllmProcess(node))
        return json(R"({"detail":"Not Found"})", QHttpServerResponse::StatusCode::NotFound);
    if (files.contains(path) && !(mp && vllmOnly))
        return json(readData(QStringLiteral("app/") + files.value(path)));
    return json(R"({"detail":"Not Found"})", QHttpServerResponse::StatusCode::NotFound);
}

} // namespace lmcf::test
