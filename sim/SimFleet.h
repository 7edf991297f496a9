#pragma once

#include "SimOptions.h"
#include "core/Outcome.h"

#include <QList>
#include <QObject>

namespace lmcf {

class SimNode;

//! N simulated nodes in one process, named sim-node-01, sim-node-02, …
class SimFleet final : public QObject {
    Q_OBJECT
public:
    //! `agentPath`: the resolved lmcache-heartbeat (used only with a heartbeat URL).
    SimFleet(SimOptions options, QString agentPath, QObject *parent = nullptr);
    ~SimFleet() override;

    //! Starts every node; on the first failure stops those started and says which node failed.
    Outcome<int> start();
    //! Stops every agent (SIGTERM to all, then waits) and every listener.
    void stop();

    const QList<SimNode *> &nodes() const { return m_nodes; }

    static QString nodeName(int index, int count);

private:
    SimOptions m_options;
    QString m_agentPath;
    QList<SimNode *> m_nodes;
};

} // namespace lmcf
