// Aggregated /metrics latency of the real lmcache-fleetd over 10, 100 and 1,000 simulated nodes.
// The nodes live in this process (one tiny keep-alive HTTP server per node on a loopback port 0,
// each serving the ~600-sample vLLM-mode fixture); the daemon is a separate process. Every
// request asks for a fresh scrape round (`Cache-Control: no-cache`), so no cached answer hides
// the cost. Prints p50/p99 per fleet size, the daemon's CPU per request and RSS, and how long
// `GET /health` took at worst while the rounds ran (asked every 20 ms from a thread of its own,
// so this process's busy event loop does not count).
//   lmcf-bench-aggregated-metrics [--changing] [sizes...]   (default: 10 100 1000)
// --changing: every node's body differs from its previous one (a comment line with a counter),
// as on a busy fleet, so nothing the daemon keeps from the last round can be reused.
// LMCF_BENCH_FLEETD=<path> runs another lmcache-fleetd build (to compare two builds back to back);
// LMCF_BENCH_DUMP=<file> keeps the last /metrics body (to compare what two builds answer).
#include "ProcessProbe.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkRequest>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace lmcf;
using bench::ProcessProbe;

namespace {

//! One simulated node: answers every request on a connection with its /metrics reply, the same
//! bytes every time, or (changing) with a comment line that counts its answers appended.
class NodeServer final : public QTcpServer {
public:
    NodeServer(const QByteArray &body, bool changing)
        : m_body(body)
        , m_reply(reply(body))
        , m_changing(changing) {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto pending = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
                    *pending += socket->readAll();
                    qsizetype end;
                    while ((end = pending->indexOf("\r\n\r\n")) >= 0) {
                        pending->remove(0, end + 4);
                        socket->write(m_changing ? reply(m_body + "# answer " +
                                                         QByteArray::number(++m_answers) + '\n')
                                                 : m_reply);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    static QByteArray reply(const QByteArray &body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    QByteArray m_body;
    QByteArray m_reply;
    bool m_changing = false;
    qint64 m_answers = 0;
};

//! Asks the daemon's `/health` every 20 ms over one keep-alive connection, from its own thread
//! with blocking socket calls, and keeps every answer's latency.
class HealthProbe final {
public:
    HealthProbe(const QString &host, quint16 port)
        : m_thread([this, host, port] { run(host, port); }) {}
    ~HealthProbe() { stop(); }

    //! Stops asking; latencies in ms (a failed probe counts as 10 s).
    std::vector<double> stop() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        const std::lock_guard lock(m_mutex);
        return m_ms;
    }

private:
    void run(const QString &host, quint16 port) {
        QTcpSocket socket;
        while (!m_stop) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                socket.connectToHost(host, port);
                if (!socket.waitForConnected(10000))
                    return record(10000);
            }
            QElapsedTimer clock;
            clock.start();
            socket.write("GET /health HTTP/1.1\r\nHost: bench\r\n\r\n");
            record(readAnswer(socket) ? double(clock.nsecsElapsed()) / 1e6 : 10000);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    //! Reads one whole answer (headers, then Content-Length bytes).
    static bool readAnswer(QTcpSocket &socket) {
        QByteArray got;
        qsizetype headEnd = -1;
        while ((headEnd = got.indexOf("\r\n\r\n")) < 0) {
            if (!socket.waitForReadyRead(10000))
                return false;
            got += socket.readAll();
        }
        const qsizetype at = got.toLower().indexOf("content-length:");
        const qsizetype length =
            at < 0 ? 0 : got.mid(at + 15, got.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        while (got.size() < headEnd + 4 + length) {
            if (!socket.waitForReadyRead(10000))
                return false;
            got += socket.readAll();
        }
        return true;
    }
    void record(double ms) {
        const std::lock_guard lock(m_mutex);
        m_ms.push_back(ms);
    }

    std::atomic<bool> m_stop = false;
    std::mutex m_mutex;
    std::vector<double> m_ms;
    std::thread m_thread; // last: starts once the members above exist
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return values[index];
}

int runFleet(int nodeCount, const QByteArray &body, bool changing) {
    std::vector<std::unique_ptr<NodeServer>> nodes;
    QStringList entries;
    for (int i = 0; i < nodeCount; ++i) {
        nodes.push_back(std::make_unique<NodeServer>(body, changing));
        entries << QStringLiteral(R"({"name":"node-%1","host":"127.0.0.1","port":%2})")
                       .arg(i)
                       .arg(nodes.back()->serverPort());
    }
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString program = qEnvironmentVariableIsEmpty("LMCF_BENCH_FLEETD")
                                ? QStringLiteral(LMCF_FLEETD_PATH)
                                : qEnvironmentVariable("LMCF_BENCH_FLEETD");
    daemon.start(program, {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
                           QStringLiteral("--scrape-interval=3600"),
                           QStringLiteral("--nodes=[") + entries.join(u',') + u']'});
    QByteArray out;
    if (!ProcessProbe::waitFor(
            [&] {
                out += daemon.readAllStandardOutput();
                return out.contains("listening on http://");
            },
            10000)) {
        std::fprintf(stderr, "daemon did not start\n");
        return 1;
    }
    const QByteArray line = out.mid(out.indexOf("http://")).split('\n').first().trimmed();
    const QUrl url = QUrl::fromEncoded(line + "/metrics");

    HttpClient client;
    const auto fetch = [&](HttpResult &result) {
        QNetworkRequest request(url);
        request.setRawHeader("Accept-Encoding", "identity");
        request.setRawHeader("Cache-Control", "no-cache");
        std::optional<HttpResult> got;
        HttpRequestOptions options;
        options.timeoutMs = 30000;
        options.maxResponseBytes = 512LL * 1024 * 1024;
        client.send(request, "GET", {}, options, nullptr, [&](const HttpResult &r) { got = r; });
        ProcessProbe::waitFor([&] { return got.has_value(); }, 60000);
        result = got.value_or(HttpResult{});
    };
    HttpResult result;
    for (int i = 0; i < 3; ++i) // warm-up: connections to every node opened and kept alive
        fetch(result);
    const int requests = nodeCount >= 1000 ? 30 : 100;
    std::vector<double> ms;
    qsizetype bytes = 0;
    HealthProbe health(url.host(), quint16(url.port()));
    const double cpuBefore = ProcessProbe::cpuMs(daemon.processId());
    for (int i = 0; i < requests; ++i) {
        QElapsedTimer clock;
        clock.start();
        fetch(result);
        ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        bytes = result.body.size();
        if (!result.ok())
            std::fprintf(stderr, "request failed: %s\n", qPrintable(result.error));
    }
    const double cpuPerRequest = (ProcessProbe::cpuMs(daemon.processId()) - cpuBefore) / requests;
    std::vector<double> healthMs = health.stop();
    if (const QString dump = qEnvironmentVariable("LMCF_BENCH_DUMP"); !dump.isEmpty()) {
        QFile file(dump);
        if (file.open(QIODevice::WriteOnly))
            file.write(result.body);
    }
    if (healthMs.empty())
        healthMs.push_back(-1);
    int up = 0;
    for (const QByteArray &l : result.body.split('\n')) {
        if (l.startsWith("lmcache_fleet_node_up{") && l.endsWith(" 1"))
            ++up;
    }
    std::printf("%5d nodes: p50 %7.1f ms  p99 %7.1f ms  daemon CPU %6.1f ms/request  (n=%d, %d "
                "nodes up, body %.1f MB, daemon RSS %.0f MB)\n"
                "             /health meanwhile: p50 %.1f ms, p99 %.1f ms, worst %.1f ms (n=%zu)"
                "  load %s\n",
                nodeCount, percentile(ms, 0.5), percentile(ms, 0.99), cpuPerRequest, requests, up,
                double(bytes) / 1e6, ProcessProbe::statusMiB(daemon.processId(), "VmRSS:"),
                percentile(healthMs, 0.5), percentile(healthMs, 0.99),
                *std::max_element(healthMs.begin(), healthMs.end()), healthMs.size(),
                ProcessProbe::loadAverage().constData());
    std::fflush(stdout);
    daemon.terminate();
    daemon.waitForFinished(5000);
    return 0;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    ProcessProbe::raiseFileLimit();
    QFile fixture(QStringLiteral(LMCF_BENCH_DATA_DIR "/metrics/vllm-node.prom"));
    if (!fixture.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(fixture.fileName()));
        return 1;
    }
    const QByteArray body = fixture.readAll();
    QList<int> sizes;
    bool changing = false;
    for (int i = 1; i < argc; ++i) {
        if (QByteArray(argv[i]) == "--changing")
            changing = true;
        else
            sizes << QByteArray(argv[i]).toInt();
    }
    if (sizes.isEmpty())
        sizes = {10, 100, 1000};
    std::printf("aggregated /metrics of lmcache-fleetd, %lld-byte vLLM-mode exposition per node, "
                "%s\n",
                qlonglong(body.size()),
                changing ? "changing every answer" : "the same every answer");
    for (const int size : sizes) {
        if (runFleet(size, body, changing) != 0)
            return 1;
    }
    return 0;
}
