#pragma once

#include "pages/NodePage.h"

#include <QJsonObject>

class QFormLayout;
class QLabel;
class QProgressBar;
class QTableWidget;

namespace lmcf {

//! The node's engine snapshot from `/api/status` (or `/status` on 404), structured: health,
//! engine, chunk size, hash algorithm, sessions, prefetch jobs, GPU contexts with model and
//! KV-cache layout, an L1 usage bar (red > 90 %, yellow > 70 %), object count, L2 adapters.
//! A node without either that answers `/meta` is a process inside vLLM (spec §3b): the page
//! shows it from `/meta` and `/inference_info` instead (instance, role, worker, model, vLLM
//! version, parallelism) and says so with vllmProcessDetected().
class OverviewPage final : public NodePage {
    Q_OBJECT
public:
    explicit OverviewPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~OverviewPage() override;

    //! Fills the page from a status document (public for tests).
    void showStatus(const QJsonObject &status);
    //! Fills the page from a vLLM process's `/meta` and `/inference_info` (public for tests).
    void showVllmProcess(const QJsonObject &meta, const QJsonObject &inference);
    bool showsVllmProcess() const { return m_isVllm; }

Q_SIGNALS:
    //! After a load: true for a process inside vLLM (no engine status, no clear-cache), false
    //! for an MP server.
    void vllmProcessDetected(bool vllm);

protected:
    void load() override;
    void clear() override;

private:
    QLabel *addField(QFormLayout *form, const QString &name);
    void showGpuContexts(const QJsonObject &status);
    void showL1(const QJsonObject &status);
    //! The node's hit rate over the last 30 s from the charts' store, green from 80 %.
    void showHitRate(QLabel *label);
    void loadVllmProcess(const DaemonReply &statusReply);
    void setVllmLayout(bool vllm);

    QLabel *m_health;
    QLabel *m_engine;
    QLabel *m_chunk;
    QLabel *m_hash;
    QLabel *m_gpus;
    QLabel *m_sessions;
    QLabel *m_prefetch;
    QLabel *m_version;
    QLabel *m_hitRate;
    QProgressBar *m_l1Bar;
    QLabel *m_l1Text;
    QLabel *m_objects;
    QLabel *m_l2;
    QTableWidget *m_contexts;
    QList<QWidget *> m_engineBoxes;
    QWidget *m_vllmBox;
    QList<QLabel *> m_vllmFields; // instance, role, worker, world size, model, LMCache, vLLM, TP
    QLabel *m_vllmHitRate;
    bool m_isVllm = false;
};

} // namespace lmcf
