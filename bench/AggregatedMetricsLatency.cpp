// Aggregated /metrics latency of the real lmcache-fleetd over 10, 100 and 1,000 simulated nodes.
// The nodes live in this process (one tiny keep-alive HTTP server per node on a loopback port 0,
// each serving the ~600-sample vLLM-mode fixture); the daemon is a separate process. Every
// request asks for a fresh scrape round (`Cache-Control: no-cache`), so no cached answer hides
// the cost. Prints p50/p99 per fleet size and the daemon's RSS.
//   lmcf-bench-aggregated-metrics [sizes...]   (default: 10 100 1000)
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
#include <cstdio>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace lmcf;
using bench::ProcessProbe;

namespace {

//! One simulated node: answers every request on a connection with the same /metrics reply.
class NodeServer final : public QTcpServer {
public:
    explicit NodeServer(const QByteArray &reply)
        : m_reply(reply) {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto pending = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, pending] {
                    *pending += socket->readAll();
                    qsizetype end;
                    while ((end = pending->indexOf("\r\n\r\n")) >= 0) {
                        pending->remove(0, end + 4);
                        socket->write(m_reply);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QByteArray m_reply;
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size())));
    return values[index];
}

int runFleet(int nodeCount, const QByteArray &reply) {
    std::vector<std::unique_ptr<NodeServer>> nodes;
    QStringList entries;
    for (int i = 0; i < nodeCount; ++i) {
        nodes.push_back(std::make_unique<NodeServer>(reply));
        entries << QStringLiteral(R"({"name":"node-%1","host":"127.0.0.1","port":%2})")
                       .arg(i)
                       .arg(nodes.back()->serverPort());
    }
    QProcess daemon;
    daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    daemon.start(QStringLiteral(LMCF_FLEETD_PATH),
                 {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
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
    int up = 0;
    for (const QByteArray &l : result.body.split('\n')) {
        if (l.startsWith("lmcache_fleet_node_up{") && l.endsWith(" 1"))
            ++up;
    }
    std::printf("%5d nodes: p50 %7.1f ms  p99 %7.1f ms  daemon CPU %6.1f ms/request  (n=%d, %d "
                "nodes up, body %.1f MB, daemon RSS %.0f MB)\n",
                nodeCount, percentile(ms, 0.5), percentile(ms, 0.99), cpuPerRequest, requests, up,
                double(bytes) / 1e6, ProcessProbe::statusMiB(daemon.processId(), "VmRSS:"));
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
    const QByteArray reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
                             "Content-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QByteArray(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = {10, 100, 1000};
    std::printf("aggregated /metrics of lmcache-fleetd, %lld-byte vLLM-mode exposition per node\n",
                qlonglong(body.size()));
    for (const int size : sizes) {
        if (runFleet(size, reply) != 0)
            return 1;
    }
    return 0;
}
