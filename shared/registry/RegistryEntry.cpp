#include "registry/RegistryEntry.h"

#include <QDateTime>

namespace lmcf {

InfosEntry RegistryEntry::toInfosEntry() const {
    InfosEntry entry;
    entry.apiAddress = apiAddress;
    entry.pid = pid;
    entry.version = version;
    entry.startTime = QDateTime::fromMSecsSinceEpoch(startTimeMs);
    entry.lastReportTime = QDateTime::fromMSecsSinceEpoch(lastReportMs);
    entry.otherInfo = otherInfo;
    return entry;
}

} // namespace lmcf
