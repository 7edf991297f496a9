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
class OverviewPage final : public NodePage {
    Q_OBJECT
public:
    explicit OverviewPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~OverviewPage() override;

    //! Fills the page from a status document (public for tests).
    void showStatus(const QJsonObject &status);

protected:
    void load() override;
    void clear() override;

private:
    QLabel *addField(QFormLayout *form, const QString &name);
    void showGpuContexts(const QJsonObject &status);
    void showL1(const QJsonObject &status);

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
};

} // namespace lmcf
