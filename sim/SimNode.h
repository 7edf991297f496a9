#pragma once

#include "FaultPlan.h"
#include "NodeApi.h"
#include "Workload.h"
#include "core/Outcome.h"

#include <QElapsedTimer>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;
class QTimer;

namespace lmcf {

class AgentLauncher;
class HttpFront;

struct SimNodeSettings {
    NodeIdentity identity; //!< identity.port: the port to ask for (0 = ephemeral)
    quint32 seed = 1;
    ApiGeneration generation = ApiGeneration::Old;
    MetricsFamilies families = MetricsFamilies::Both;
    FaultSettings faults;
    QUrl heartbeatUrl; //!< empty: no agent
    double heartbeatIntervalS = 30.0;
    QString agentPath;
    std::function<qint64()> clockMs; //!< ms since start; empty = wall clock
};

//! One simulated LMCache MP node: its API (NodeApi) served through the project's HTTP front,
//! its faults over time (flap, die), and optionally a real lmcache-heartbeat beside it.
class SimNode final : public QObject {
    Q_OBJECT
public:
    explicit SimNode(SimNodeSettings settings, QObject *parent = nullptr);
    ~SimNode() override;

    //! Listens and, with a heartbeat URL, launches the agent. Returns the port.
    Outcome<quint16> start();
    //! Stops listening and the agent (SIGTERM) for good.
    void stop();

    bool isListening() const { return m_front != nullptr; }
    QString name() const { return m_settings.identity.name; }
    //! Who it pretends to be (the port is the one asked for; see port()).
    const NodeIdentity &identity() const { return m_api.identity(); }
    QUrl url() const;
    quint16 port() const { return m_port; }
    Workload &workload() { return m_workload; }
    AgentLauncher *agent() const { return m_agent; }

Q_SIGNALS:
    void listeningChanged(bool listening);

private:
    Outcome<quint16> listen(quint16 port);
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void scheduleAvailability();
    void applyAvailability();
    qint64 elapsedMs() const;

    SimNodeSettings m_settings;
    QElapsedTimer m_started;
    Workload m_workload;
    FaultPlan m_faults;
    NodeApi m_api;
    std::unique_ptr<HttpFront> m_front;
    AgentLauncher *m_agent = nullptr;
    QTimer *m_availability;
    quint16 m_port = 0;
    bool m_dead = false;
};

} // namespace lmcf
