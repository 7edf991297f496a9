#pragma once

#include <QMap>
#include <QStringList>

namespace lmcf {

//! One Prometheus HTTP service discovery target group: `{"targets":[...],"labels":{...}}`.
struct ServiceDiscoveryGroup {
    QStringList targets;
    QMap<QString, QString> labels;

    bool operator==(const ServiceDiscoveryGroup &other) const = default;
};

} // namespace lmcf
