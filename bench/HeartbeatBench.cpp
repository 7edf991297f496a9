// lmcf-bench-heartbeat: heartbeats per second against a real lmcache-fleetd on loopback.
//
// Starts the daemon (or uses --url), opens --connections keep-alive connections and keeps
// --depth pipelined heartbeats in flight on each, cycling through --nodes distinct api_address
// values. Prints requests/s and the p50/p99/max latency from writing a request to reading its
// answer (with pipelining this includes the wait behind earlier requests on that connection).
#include "discovery/HeartbeatQuery.h"
#include "registry/NodeRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <memory>
#include <vector>

namespace {

struct Load {
    QString host;
    quint16 port = 0;
    int connections = 8;
    int depth = 16;
    int nodes = 1000;
    double seconds = 5;
};

// One keep-alive connection with a queue of send times for its pipelined requests.
struct Connection {
    QTcpSocket socket;
    std::deque<qint64> sentAtNs;
    QByteArray buffer;
};

QByteArray requestFor(int node) {
    lmcf::Heartbeat beat;
    // Loopback addresses where nothing listens: the daemon's /api/nodes probe of each new
    // node is refused at once instead of waiting on an unroutable host.
    beat.apiAddress =
        QStringLiteral("http://127.1.%1.%2:8085").arg(node / 250 % 250).arg(node % 250 + 1);
    beat.pid = 1000 + node;
    beat.version = QStringLiteral("0.3.9");
    beat.otherInfo = QStringLiteral(R"({"heartbeat_interval":30,"nodes_count":1})");
    const QUrl url =
        lmcf::HeartbeatQuery::encode(QUrl(QStringLiteral("http://h/lmcache_heartbeat")), beat);
    return "GET " + url.path(QUrl::FullyEncoded).toLatin1() + '?' +
           url.query(QUrl::FullyEncoded).toLatin1() + " HTTP/1.1\r\nHost: bench\r\n\r\n";
}

//! Removes complete answers from `buffer`; returns how many, and how many were not 200.
int takeAnswers(QByteArray &buffer, int &failures) {
    int count = 0;
    qsizetype at = 0;
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            break;
        const QByteArray head = buffer.mid(at, headEnd - at).toLower();
        const qsizetype lengthAt = head.indexOf("content-length:");
        const qsizetype length =
            lengthAt < 0 ? 0
                         : head.mid(lengthAt + 15, head.indexOf('\r', lengthAt) - lengthAt - 15)
                               .trimmed()
                               .toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            break;
        if (!head.startsWith("http/1.1 200"))
            ++failures;
        at = headEnd + 4 + length;
        ++count;
    }
    buffer.remove(0, at);
    return count;
}

int run(const Load &load) {
    std::vector<QByteArray> requests;
    for (int i = 0; i < load.nodes; ++i)
        requests.push_back(requestFor(i));
    std::vector<std::unique_ptr<Connection>> connections;
    std::vector<qint64> latenciesNs;
    latenciesNs.reserve(4'000'000);
    QElapsedTimer clock;
    qint64 next = 0;
    int failures = 0;
    bool running = true;
    const auto sendOne = [&](Connection &c) {
        c.sentAtNs.push_back(clock.nsecsElapsed());
        c.socket.write(requests[size_t(next++ % load.nodes)]);
    };
    for (int i = 0; i < load.connections; ++i) {
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        c->socket.connectToHost(load.host, load.port);
        if (!c->socket.waitForConnected(3000)) {
            std::fprintf(stderr, "cannot connect to %s:%u\n", qPrintable(load.host), load.port);
            return 1;
        }
        c->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(&c->socket, &QTcpSocket::readyRead, [&, c] {
            c->buffer += c->socket.readAll();
            const int answered = takeAnswers(c->buffer, failures);
            const qint64 now = clock.nsecsElapsed();
            for (int k = 0; k < answered && !c->sentAtNs.empty(); ++k) {
                latenciesNs.push_back(now - c->sentAtNs.front());
                c->sentAtNs.pop_front();
                if (running)
                    sendOne(*c);
            }
        });
        connections.push_back(std::move(connection));
    }
    clock.start();
    for (auto &c : connections) {
        for (int k = 0; k < load.depth; ++k)
            sendOne(*c);
    }
    QTimer::singleShot(int(load.seconds * 1000), [&] { running = false; });
    while (running)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    const double elapsedS = double(clock.nsecsElapsed()) / 1e9;

    std::sort(latenciesNs.begin(), latenciesNs.end());
    const auto at = [&](double q) {
        return latenciesNs.empty()
                   ? 0.0
                   : double(latenciesNs[size_t(q * double(latenciesNs.size() - 1))]) / 1e6;
    };
    std::printf("heartbeats: %zu in %.2f s over %d connections x %d in flight, %d nodes\n",
                latenciesNs.size(), elapsedS, load.connections, load.depth, load.nodes);
    std::printf("throughput: %.0f heartbeats/s\n", double(latenciesNs.size()) / elapsedS);
    std::printf("latency:    p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", at(0.5), at(0.99), at(1.0));
    std::printf("non-200:    %d\n", failures);
    return failures == 0 ? 0 : 1;
}

//! The registry's own cost per heartbeat (query decode + record), without HTTP: how far the
//! registry is from being the bottleneck.
void measureRegistryAlone(int nodes) {
    std::vector<QUrlQuery> queries;
    for (int i = 0; i < nodes; ++i) {
        const QByteArray request = requestFor(i);
        const qsizetype start = request.indexOf('?') + 1;
        queries.emplace_back(
            QString::fromLatin1(request.mid(start, request.indexOf(' ', start) - start)));
    }
    lmcf::NodeRegistry registry;
    QElapsedTimer clock;
    clock.start();
    const int rounds = 200'000;
    for (int i = 0; i < rounds; ++i) {
        const auto beat = lmcf::HeartbeatQuery::decode(queries[size_t(i % nodes)]);
        registry.recordHeartbeat(beat.value(), QStringLiteral("127.0.0.1"));
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("registry alone: %.0f heartbeats/s (decode + record, %d nodes, %.2f us each)\n",
                rounds / seconds, nodes, seconds * 1e6 / rounds);
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("url"), QStringLiteral("Daemon to load (default: start one)."),
          QStringLiteral("url")},
         {QStringLiteral("connections"), QStringLiteral("Connections (8)."), QStringLiteral("n")},
         {QStringLiteral("depth"), QStringLiteral("Pipelined per connection (16)."),
          QStringLiteral("n")},
         {QStringLiteral("nodes"), QStringLiteral("Distinct nodes (1000)."), QStringLiteral("n")},
         {QStringLiteral("seconds"), QStringLiteral("Duration (5)."), QStringLiteral("s")}});
    parser.process(app);
    Load load;
    const auto number = [&](const char *name, auto &into) {
        if (parser.isSet(QString::fromLatin1(name)))
            into = decltype(+into)(parser.value(QString::fromLatin1(name)).toDouble());
    };
    number("connections", load.connections);
    number("depth", load.depth);
    number("nodes", load.nodes);
    number("seconds", load.seconds);
    load.connections = std::max(1, load.connections);
    load.depth = std::max(1, load.depth);
    load.nodes = std::max(1, load.nodes);
    measureRegistryAlone(load.nodes);

    QProcess daemon;
    QTemporaryDir stateDir;
    if (parser.isSet(QStringLiteral("url"))) {
        const QUrl url(parser.value(QStringLiteral("url")));
        load.host = url.host();
        load.port = quint16(url.port(80));
    } else {
        daemon.start(
            QStringLiteral(LMCF_FLEETD_PATH),
            {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
             QStringLiteral("--state-file=") + stateDir.filePath(QStringLiteral("r.json"))});
        QByteArray line;
        while (!line.contains("listening on") && daemon.waitForReadyRead(5000))
            line += daemon.readAllStandardOutput();
        const qsizetype colon = line.lastIndexOf(':');
        if (!line.contains("listening on") || colon < 0) {
            std::fprintf(stderr, "lmcache-fleetd did not start: %s\n", line.constData());
            return 1;
        }
        load.host = QStringLiteral("127.0.0.1");
        load.port = quint16(line.mid(colon + 1).trimmed().toUInt());
        std::printf("lmcache-fleetd pid %lld on port %u\n", daemon.processId(), load.port);
    }
    const int result = run(load);
    if (daemon.state() != QProcess::NotRunning) {
        daemon.terminate();
        daemon.waitForFinished(5000);
    }
    return result;
}
