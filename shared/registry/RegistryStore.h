#pragma once

#include "core/Outcome.h"
#include "registry/RegistryState.h"

namespace lmcf {

//! Where the registry's entries survive a restart: a state file now, etcd later.
class RegistryStore {
public:
    virtual ~RegistryStore() = default;

    //! The stored state; empty (no entries, index 0) when nothing was stored yet. A failure is
    //! never fatal: the caller logs it and starts empty.
    virtual Outcome<RegistryState> load() = 0;
    //! Replaces the stored state, atomically (all or nothing).
    virtual Outcome<bool> save(const RegistryState &state) = 0;

protected:
    RegistryStore() = default;
    Q_DISABLE_COPY_MOVE(RegistryStore)
};

} // namespace lmcf
