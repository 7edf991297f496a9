#include "EtcdUnderTest.h"

#include "EndsWithTheTest.h"
#include "WaitUntil.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTcpServer>

#include <signal.h>

namespace lmcf::test {

namespace {
//! A port nobody listens on right now, below Linux's ephemeral range (32768..): the kernel
//! never hands it to an outgoing connection, so it is still free when restart() needs it again
//! while daemons keep reconnecting (an ephemeral port could be taken by one of their sockets).
//! Two tests may still pick the same port: start() then tries other ports.
quint16 freePort() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const auto port = quint16(20000 + QRandomGenerator::global()->bounded(12000));
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

//! etcd fsyncs each write: on a disk shared with builds that can take seconds, so the data
//! goes to tmpfs when there is one with room (etcd preallocates 64 MB WAL segments, and a
//! container's /dev/shm may be only 64 MB).
QString dataParent() {
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    constexpr qint64 roomForTwoEtcds = 512LL * 1024 * 1024;
    if (shm.isDir() && shm.isWritable() &&
        QStorageInfo(shm.filePath()).bytesAvailable() >= roomForTwoEtcds)
        return shm.filePath();
    return QDir::tempPath();
}
} // namespace

EtcdUnderTest::EtcdUnderTest()
    : m_dir(dataParent() + QStringLiteral("/lmcf-etcd-XXXXXX")) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    endWithTheTest(m_process);
}

EtcdUnderTest::~EtcdUnderTest() {
    stop();
}

QString EtcdUnderTest::executable() {
    QString found = QStandardPaths::findExecutable(QStringLiteral("etcd"));
    if (found.isEmpty() && QFileInfo(QStringLiteral("/usr/bin/etcd")).isExecutable())
        found = QStringLiteral("/usr/bin/etcd");
    return found;
}

QString EtcdUnderTest::registryUrl(const QString &prefix) const {
    return QStringLiteral("etcd://127.0.0.1:%1/%2").arg(m_clientPort).arg(prefix);
}

bool EtcdUnderTest::start(int timeoutMs) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_clientPort = freePort();
        m_peerPort = freePort();
        if (m_clientPort != 0 && m_peerPort != 0 && m_clientPort != m_peerPort && launch(timeoutMs))
            return true;
    }
    return false;
}

bool EtcdUnderTest::restart(int timeoutMs) {
    stop();
    return launch(timeoutMs);
}

bool EtcdUnderTest::launch(int timeoutMs) {
    const QString client = QStringLiteral("http://127.0.0.1:%1").arg(m_clientPort);
    const QString peer = QStringLiteral("http://127.0.0.1:%1").arg(m_peerPort);
    m_output.clear();
    m_process.start(executable(),
                    {QStringLiteral("--name=test"),
                     QStringLiteral("--data-dir=") + m_dir.filePath(QStringLiteral("data")),
                     QStringLiteral("--listen-client-urls=") + client,
                     QStringLiteral("--advertise-client-urls=") + client,
                     QStringLiteral("--listen-peer-urls=") + peer,
                     QStringLiteral("--initial-advertise-peer-urls=") + peer,
                     QStringLiteral("--initial-cluster=test=") + peer});
    // etcd logs to stderr (merged): it is up once it says it serves clients.
    const bool ready = waitUntil(
        [&] {
            m_output += m_process.readAll();
            return m_output.contains("ready to serve client requests") ||
                   m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (ready && m_process.state() == QProcess::Running)
        return true;
    m_error = QStringLiteral("etcd did not start on port %1: %2")
                  .arg(m_clientPort)
                  .arg(QString::fromUtf8(m_output.right(2000)));
    stop();
    return false;
}

void EtcdUnderTest::freeze() {
    if (isRunning())
        ::kill(pid_t(m_process.processId()), SIGSTOP);
}

void EtcdUnderTest::thaw() {
    if (isRunning())
        ::kill(pid_t(m_process.processId()), SIGCONT);
}

void EtcdUnderTest::stop() {
    thaw(); // a stopped process would not act on SIGTERM
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

} // namespace lmcf::test
