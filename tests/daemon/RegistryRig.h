#pragma once

#include "DaemonApp.h"
#include "net/HttpResult.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace lmcf::test {

//! Blocking HTTP for tests: runs the event loop until the answer (or 10 s) comes.
HttpResult fetch(const QUrl &url, const QByteArray &method = "GET", const QByteArray &body = {});

//! One lmcache-fleetd in this process on 127.0.0.1, port 0, with its state file in a
//! temporary directory. Adjust options() and registry().timing() before start().
class InProcessDaemon final {
public:
    explicit InProcessDaemon(DaemonOptions options = {});
    ~InProcessDaemon();

    DaemonApp &app() { return *m_app; }
    //! Starts it; false if it could not listen.
    bool start();
    QUrl url(const QString &pathAndQuery) const;
    QString baseUrl() const;
    QString statePath() const { return m_dir.filePath(QStringLiteral("registry.json")); }

    //! A heartbeat for `apiAddress` with `other_info` {"heartbeat_interval": intervalS}.
    HttpResult heartbeat(const QString &apiAddress, double intervalS = 30);

    static DaemonOptions defaults(const QString &stateDir);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DaemonApp> m_app;
    quint16 m_port = 0;
};

} // namespace lmcf::test
