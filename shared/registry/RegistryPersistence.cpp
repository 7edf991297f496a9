#include "registry/RegistryPersistence.h"

namespace lmcf {

RegistryPersistence::RegistryPersistence(NodeRegistry *registry, RegistryStore *store,
                                         QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_store(store) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(defaultDebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &RegistryPersistence::flush);
    connect(m_registry, &NodeRegistry::changed, this, &RegistryPersistence::schedule);
}

RegistryPersistence::~RegistryPersistence() = default;

void RegistryPersistence::schedule() {
    if (!m_timer.isActive())
        m_timer.start();
}

Outcome<int> RegistryPersistence::restore() {
    const auto state = m_store->load();
    if (!state)
        return Outcome<int>::failure(state.error());
    m_registry->restore(state.value());
    // restore() signalled a change; what was just loaded needs no save.
    m_timer.stop();
    return Outcome<int>::success(m_registry->size());
}

bool RegistryPersistence::flush() {
    m_timer.stop();
    const auto result = m_store->save(m_registry->state());
    ++m_saveCount;
    if (!result) {
        m_lastError = result.error();
        Q_EMIT saveFailed(m_lastError);
        return false;
    }
    m_lastError.clear();
    Q_EMIT saved();
    return true;
}

} // namespace lmcf
