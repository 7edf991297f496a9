#pragma once

#include "DaemonOptions.h"
#include "core/Outcome.h"

#include <QObject>

#include <memory>

namespace lmcf {

class HttpFront;
class HealthController;
class RegistryService;

//! Wires the daemon together from its options: the HTTP front and one controller per resource.
//! main() only parses flags, calls start() and waits for a termination signal.
class DaemonApp final : public QObject {
    Q_OBJECT
public:
    explicit DaemonApp(DaemonOptions options, QObject *parent = nullptr);
    ~DaemonApp() override;

    //! Why these options cannot run (bad --nodes or --config, ...); empty when fine. start()
    //! refuses while it is not empty, and main() exits 2 with it.
    QString configurationError() const { return m_configurationError; }
    //! Starts serving (unless --no-http). Returns the port listened on, or why it could not.
    Outcome<quint16> start();
    //! Stops listening and flushes state; safe to call twice.
    void shutdown();

    const DaemonOptions &options() const { return m_options; }
    HttpFront &front() { return *m_front; }
    //! The registry, node sources and node API; catalog() is what the proxy and scraper read.
    RegistryService &registry() { return *m_registry; }

private:
    DaemonOptions m_options;
    std::unique_ptr<HttpFront> m_front;
    std::unique_ptr<HealthController> m_health;
    QString m_configurationError;
    std::unique_ptr<RegistryService> m_registry;
};

} // namespace lmcf
