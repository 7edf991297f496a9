#pragma once

#include "registry/RegistryEntry.h"

#include <QList>

namespace lmcf {

//! What a RegistryStore keeps: the entries and the change index they were saved at, so that
//! after a restart the index continues upwards and clients' change feeds never see it go back.
struct RegistryState {
    QList<RegistryEntry> entries;
    quint64 index = 0;

    bool operator==(const RegistryState &other) const = default;
};

} // namespace lmcf
