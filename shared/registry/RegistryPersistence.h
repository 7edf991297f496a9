#pragma once

#include "registry/NodeRegistry.h"
#include "registry/RegistryStore.h"

#include <QObject>
#include <QTimer>

namespace lmcf {

//! Keeps a RegistryStore in step with a NodeRegistry: the first change arms a single-shot
//! timer and everything that changes until it fires is saved in one write (so a burst of
//! joins costs one save and a steady stream cannot postpone saving forever). Plain refreshes do
//! not move the change index, so they are saved only by the next change or flush().
class RegistryPersistence final : public QObject {
    Q_OBJECT

public:
    static constexpr int defaultDebounceMs = 2000;

    //! Neither pointer is owned; both must outlive this object.
    RegistryPersistence(NodeRegistry *registry, RegistryStore *store, QObject *parent = nullptr);
    ~RegistryPersistence() override;

    void setDebounceMs(int ms) { m_timer.setInterval(ms); }
    int debounceMs() const { return m_timer.interval(); }

    //! Loads the store into the registry (NodeRegistry::restore). Returns how many entries
    //! were restored, or the store's error (the registry is left as it was).
    Outcome<int> restore();
    //! Saves now (the daemon calls this on shutdown); cancels a pending save. False on a
    //! failed write (see lastError()).
    bool flush();
    bool isPending() const { return m_timer.isActive(); }
    int saveCount() const { return m_saveCount; }
    const QString &lastError() const { return m_lastError; }

Q_SIGNALS:
    void saved();
    void saveFailed(const QString &error);

private:
    void schedule();

    NodeRegistry *m_registry;
    RegistryStore *m_store;
    QTimer m_timer;
    int m_saveCount = 0;
    QString m_lastError;
};

} // namespace lmcf
