#include "PrometheusUnderTest.h"

#include "EndsWithTheTest.h"
#include "WaitUntil.h"
#include "net/HttpClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>

#include <optional>

namespace lmcf::test {

namespace {

const QString kShippedDir = QStringLiteral(LMCF_SOURCE_DIR "/packaging/prometheus/");

QString readShipped(const QString &name) {
    QFile file(kShippedDir + name);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

//! A port nobody listens on right now (Prometheus takes it a moment later).
quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

std::optional<HttpResult> getNow(const QUrl &url, int timeoutMs) {
    static HttpClient client;
    std::optional<HttpResult> result;
    QObject context; // going out of scope aborts the request: `result` is never written late
    HttpRequestOptions options;
    options.timeoutMs = timeoutMs;
    client.get(url, options, &context, [&](const HttpResult &r) { result = r; });
    waitUntil([&] { return result.has_value(); }, timeoutMs + 1000);
    return result;
}

} // namespace

PrometheusUnderTest::PrometheusUnderTest() = default;

PrometheusUnderTest::~PrometheusUnderTest() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished(2000);
}

QString PrometheusUnderTest::executable() {
    const QString name = QStringLiteral("prometheus");
    QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin")});
    return found;
}

std::string PrometheusUnderTest::unavailable() {
    if (!executable().isEmpty())
        return {};
    return "prometheus is not installed (Debian package `prometheus`, see "
           "packaging/install-deps.sh test)";
}

QString PrometheusUnderTest::fleetConfig(const QString &daemonAuthority,
                                         bool keepDaemonNodeSeries) {
    QString config = readShipped(QStringLiteral("prometheus.yml"));
    config.replace(QStringLiteral("localhost:8000"), daemonAuthority);
    config.replace(QStringLiteral("scrape_interval: 15s"), QStringLiteral("scrape_interval: 1s"));
    config.replace(QStringLiteral("evaluation_interval: 15s"),
                   QStringLiteral("evaluation_interval: 1s"));
    config.replace(QStringLiteral("refresh_interval: 30s"), QStringLiteral("refresh_interval: 1s"));
    if (keepDaemonNodeSeries)
        config.replace(QStringLiteral("regex: lmcache_fleet_.*"), QStringLiteral("regex: .*"));
    return config;
}

QString PrometheusUnderTest::withAuthorization(QString config, const QString &tokenFile) {
    static const QRegularExpression commented(
        QStringLiteral("^(\\s*)# (authorization:|  type: Bearer|  credentials_file: )(.*)$"),
        QRegularExpression::MultilineOption);
    config.replace(commented, QStringLiteral("\\1\\2\\3"));
    return config.replace(QStringLiteral("/etc/prometheus/lmcache-fleet.token"), tokenFile);
}

bool PrometheusUnderTest::start(const QString &config, int timeoutMs) {
    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile configFile(configPath);
    QFile rules(m_dir.filePath(QStringLiteral("lmcache-fleet-rules.yml")));
    if (!m_dir.isValid() || !configFile.open(QIODevice::WriteOnly) ||
        !rules.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write the configuration in a temporary directory");
        return false;
    }
    configFile.write(config.toUtf8());
    rules.write(readShipped(QStringLiteral("lmcache-fleet-rules.yml")).toUtf8());
    configFile.close();
    rules.close();

    const quint16 port = freePort();
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    endWithTheTest(m_process);
    m_process.start(executable(), {QStringLiteral("--config.file=") + configPath,
                                   QStringLiteral("--storage.tsdb.path=") +
                                       m_dir.filePath(QStringLiteral("tsdb")),
                                   QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                                   QStringLiteral("--log.level=warn")});
    const bool ready = waitUntil(
        [&] {
            if (m_process.state() == QProcess::NotRunning)
                return true;
            const auto answer = getNow(QUrl(m_url.toString() + QStringLiteral("/-/ready")), 1000);
            return answer && answer->status == 200;
        },
        timeoutMs);
    if (ready && m_process.state() != QProcess::NotRunning)
        return true;
    m_error = QStringLiteral("prometheus did not become ready: ") +
              QString::fromUtf8(m_process.readAll());
    return false;
}

QJsonObject PrometheusUnderTest::api(const QString &pathAndQuery) const {
    const auto answer = getNow(QUrl(m_url.toString() + pathAndQuery), 10000);
    return answer ? QJsonDocument::fromJson(answer->body).object() : QJsonObject();
}

QJsonArray PrometheusUnderTest::query(const QString &promql) const {
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(promql));
    return api(QStringLiteral("/api/v1/query?query=") + encoded)
        .value(QLatin1String("data"))
        .toObject()
        .value(QLatin1String("result"))
        .toArray();
}

} // namespace lmcf::test
