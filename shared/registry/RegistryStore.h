#pragma once

#include "core/Outcome.h"
#include "registry/RegistryEntry.h"

#include <QList>

namespace lmcf {

//! Where the registry's entries survive a restart: a state file now, etcd later.
class RegistryStore {
public:
    virtual ~RegistryStore() = default;

    //! The stored entries; an empty list when nothing was stored yet. A failure is never fatal:
    //! the caller logs it and starts empty.
    virtual Outcome<QList<RegistryEntry>> load() = 0;
    //! Replaces the stored entries with `entries`, atomically (all or nothing).
    virtual Outcome<bool> save(const QList<RegistryEntry> &entries) = 0;

protected:
    RegistryStore() = default;
    Q_DISABLE_COPY_MOVE(RegistryStore)
};

} // namespace lmcf
