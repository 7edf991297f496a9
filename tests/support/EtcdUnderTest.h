#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace lmcf::test {

//! A real etcd (Debian `etcd-server`) for a test: one member on 127.0.0.1 with free client and
//! peer ports (below the ephemeral range) and a temporary data directory (on tmpfs when there
//! is one); stopped when destroyed. restart() keeps the data and the ports, as an operator
//! restarting etcd would.
class EtcdUnderTest final {
public:
    EtcdUnderTest();
    ~EtcdUnderTest();
    EtcdUnderTest(const EtcdUnderTest &) = delete;
    EtcdUnderTest &operator=(const EtcdUnderTest &) = delete;

    //! How long a test waits on a healthy etcd, or on a daemon in step with one: generous, as
    //! CI is a loaded 2-core machine; only a broken build waits that long.
    static constexpr int healthyWaitMs = 15000;

    //! The etcd binary, or empty when it is not installed (the test should GTEST_SKIP).
    static QString executable();

    //! Picks free ports (again if they were taken meanwhile) and waits until etcd serves.
    bool start(int timeoutMs = 15000);
    //! Stops it (SIGTERM, then SIGKILL).
    void stop();
    //! Starts it again on the same ports and data.
    bool restart(int timeoutMs = 15000);
    //! SIGSTOP / SIGCONT: a member that hangs with its connections open.
    void freeze();
    void thaw();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    quint16 clientPort() const { return m_clientPort; }
    //! `etcd://127.0.0.1:PORT/prefix`, what `--registry` takes.
    QString registryUrl(const QString &prefix) const;
    //! Why start() failed, with etcd's output.
    const QString &errorText() const { return m_error; }

private:
    bool launch(int timeoutMs);

    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_output;
    quint16 m_clientPort = 0;
    quint16 m_peerPort = 0;
    QString m_error;
};

} // namespace lmcf::test
