// The desktop app over a simulated fleet: lmcache-fleet-sim with N nodes, lmcache-fleetd reading
// them (static --nodes list), and lmcache-fleet (offscreen) refreshing every second. Prints, per
// fleet size, the app's CPU (% of one core, from /proc/<pid>/stat utime+stime over the window),
// peak RSS (VmHWM), the time from spawn to the first window paint (the app prints a line when
// LMCF_REPORT_FIRST_PAINT is set), the refreshes it made per second (the daemon's request
// counter), the daemon's and simulator's CPU, and the load average before and after.
//   lmcf-bench-app-refresh [--window SECONDS] [sizes...]   (default: 30 s; 10 1000)
#include "ProcessProbe.h"
#include "net/HttpClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

using namespace lmcf;
using bench::ProcessProbe;

namespace {

//! Starts `program` and reads its stdout until `enough` says so; the lines read stay in `lines`.
bool startAndRead(QProcess &process, const QString &program, const QStringList &arguments,
                  QStringList &lines, const std::function<bool(const QStringList &)> &enough,
                  int timeoutMs) {
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    QByteArray partial;
    return ProcessProbe::waitFor(
               [&] {
                   partial += process.readAllStandardOutput();
                   qsizetype end;
                   while ((end = partial.indexOf('\n')) >= 0) {
                       lines << QString::fromUtf8(partial.left(end));
                       partial.remove(0, end + 1);
                   }
                   return enough(lines) || process.state() == QProcess::NotRunning;
               },
               timeoutMs) &&
           process.state() == QProcess::Running;
}

//! GET `url` (no gzip, so the counting below sees the text); empty on failure.
QByteArray fetch(HttpClient &client, const QUrl &url) {
    QNetworkRequest request(url);
    request.setRawHeader("Accept-Encoding", "identity");
    HttpRequestOptions options;
    options.timeoutMs = 30000;
    options.maxResponseBytes = 512LL * 1024 * 1024;
    std::optional<HttpResult> got;
    client.send(request, "GET", {}, options, nullptr, [&](const HttpResult &r) { got = r; });
    ProcessProbe::waitFor([&] { return got.has_value(); }, 60000);
    return got && got->ok() ? got->body : QByteArray();
}

int nodesUp(const QByteArray &metrics) {
    static const QRegularExpression up(QStringLiteral("^lmcache_fleet_node_up\\{.*\\} 1$"),
                                       QRegularExpression::MultilineOption);
    return int(QString::fromUtf8(metrics).count(up));
}

//! The daemon's count of answered GET /metrics.
double metricsRequests(const QByteArray &metrics) {
    static const QRegularExpression line(
        QStringLiteral("^lmcache_fleet_http_requests_total\\{[^}]*route=\"/metrics\"[^}]*status="
                       "\"200\"[^}]*\\} (\\S+)$"),
        QRegularExpression::MultilineOption);
    return line.match(QString::fromUtf8(metrics)).captured(1).toDouble();
}

struct Fleet {
    QProcess sim;
    QProcess daemon;
    QUrl url;
};

//! The simulator with `count` nodes and a daemon listing them; false when either fails.
bool startFleet(Fleet &fleet, int count) {
    QStringList simLines;
    if (!startAndRead(
            fleet.sim, QStringLiteral(LMCF_SIM_PATH),
            {QStringLiteral("--nodes"), QString::number(count), QStringLiteral("--base-port"),
             QStringLiteral("0")},
            simLines, [count](const QStringList &l) { return l.size() >= 2 * count; }, 120000))
        return false;
    QStringList entries;
    for (const QString &line : simLines) {
        const QStringList words = line.split(u' ');
        if (words.size() != 3 || words[0] != QLatin1String("node"))
            continue;
        const QUrl url(words[2]);
        entries << QStringLiteral(R"({"name":"%1","host":"%2","port":%3})")
                       .arg(words[1], url.host())
                       .arg(url.port());
    }
    QStringList daemonLines;
    if (!startAndRead(
            fleet.daemon, QStringLiteral(LMCF_FLEETD_PATH),
            {QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0"),
             QStringLiteral("--nodes=[") + entries.join(u',') + u']'},
            daemonLines,
            [](const QStringList &l) { return l.join(u'\n').contains(QLatin1String("http://")); },
            30000))
        return false;
    const QString text = daemonLines.join(u'\n');
    fleet.url = QUrl(text.mid(text.indexOf(QLatin1String("http://"))).section(u'\n', 0, 0));
    return true;
}

struct Figures {
    double appCpuPercent = 0;
    double daemonCpuPercent = 0;
    double simCpuPercent = 0;
    double appPeakMiB = 0;
    double appRssMiB = 0;
    double firstPaintMs = -1;
    double refreshesPerSecond = 0;
    QByteArray loadBefore;
    QByteArray loadAfter;
};

//! Runs the app against `fleet` for `windowS` seconds after a warm-up.
bool measureApp(Fleet &fleet, int windowS, Figures &figures) {
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LMCF_REPORT_FIRST_PAINT"), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // no stored settings
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer spawn;
    spawn.start();
    app.start(QStringLiteral(LMCF_APP_PATH), {QStringLiteral("--daemon"), fleet.url.toString(),
                                              QStringLiteral("--refresh"), QStringLiteral("1")});
    QByteArray err;
    if (!ProcessProbe::waitFor(
            [&] {
                err += app.readAllStandardError();
                return err.contains("first paint") || app.state() == QProcess::NotRunning;
            },
            30000) ||
        app.state() != QProcess::Running) {
        std::fprintf(stderr, "the app did not paint: %s\n", err.constData());
        return false;
    }
    figures.firstPaintMs = double(spawn.nsecsElapsed()) / 1e6;
    ProcessProbe::pause(10000); // warm-up: node list, history, first scrapes
    HttpClient client;
    const QUrl metricsUrl = fleet.url.resolved(QUrl(QStringLiteral("/metrics")));
    const double requestsBefore = metricsRequests(fetch(client, metricsUrl));
    figures.loadBefore = ProcessProbe::loadAverage();
    const qint64 pids[] = {app.processId(), fleet.daemon.processId(), fleet.sim.processId()};
    double before[3];
    for (int i = 0; i < 3; ++i)
        before[i] = ProcessProbe::cpuMs(pids[i]);
    QElapsedTimer window;
    window.start();
    ProcessProbe::pause(windowS * 1000);
    const double wallMs = double(window.nsecsElapsed()) / 1e6;
    double *percent[] = {&figures.appCpuPercent, &figures.daemonCpuPercent, &figures.simCpuPercent};
    for (int i = 0; i < 3; ++i)
        *percent[i] = 100.0 * (ProcessProbe::cpuMs(pids[i]) - before[i]) / wallMs;
    figures.loadAfter = ProcessProbe::loadAverage();
    // The bench's own two requests are not the app's.
    figures.refreshesPerSecond =
        (metricsRequests(fetch(client, metricsUrl)) - requestsBefore - 1) * 1000.0 / wallMs;
    figures.appPeakMiB = ProcessProbe::statusMiB(pids[0], "VmHWM:");
    figures.appRssMiB = ProcessProbe::statusMiB(pids[0], "VmRSS:");
    app.terminate();
    app.waitForFinished(5000);
    return true;
}

int run(int count, int windowS) {
    Fleet fleet;
    if (!startFleet(fleet, count)) {
        std::fprintf(stderr, "%d nodes: the simulator or the daemon did not start\n", count);
        return 1;
    }
    HttpClient client;
    const QUrl metricsUrl = fleet.url.resolved(QUrl(QStringLiteral("/metrics")));
    int up = 0;
    ProcessProbe::waitFor(
        [&] {
            up = nodesUp(fetch(client, metricsUrl));
            return up >= count;
        },
        60000);
    Figures f;
    const bool ok = measureApp(fleet, windowS, f);
    if (ok)
        std::printf("%5d nodes (%d up): app CPU %5.1f %% of a core, peak RSS %5.1f MB (now %5.1f), "
                    "first paint %6.0f ms, %.2f refreshes/s | daemon CPU %5.1f %%, sim CPU %5.1f "
                    "%% | load avg before %s, after %s\n",
                    count, up, f.appCpuPercent, f.appPeakMiB, f.appRssMiB, f.firstPaintMs,
                    f.refreshesPerSecond, f.daemonCpuPercent, f.simCpuPercent,
                    f.loadBefore.constData(), f.loadAfter.constData());
    std::fflush(stdout);
    for (QProcess *process : {&fleet.daemon, &fleet.sim}) {
        process->terminate();
        process->waitForFinished(20000);
    }
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    ProcessProbe::raiseFileLimit();
    int windowS = 30;
    QList<int> sizes;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--window") == 0 && i + 1 < argc)
            windowS = QByteArray(argv[++i]).toInt();
        else
            sizes << QByteArray(argv[i]).toInt();
    }
    if (sizes.isEmpty())
        sizes = {10, 1000};
    std::printf("lmcache-fleet --refresh 1 (offscreen) over lmcache-fleet-sim + lmcache-fleetd, "
                "%d s window after a 10 s warm-up; %ld cores\n",
                windowS, sysconf(_SC_NPROCESSORS_ONLN));
    for (const int size : sizes) {
        if (run(size, windowS) != 0)
            return 1;
    }
    return 0;
}
