#pragma once

#include "prometheus/MetricFamily.h"

namespace lmcf {

//! One family of a PreparedNode: its header fields as the node declared them and its samples
//! already written the way the merged exposition holds them.
struct PreparedFamily {
    QByteArray name;
    MetricType type = MetricType::Untyped;
    QByteArray help;
    QByteArray unit;
    //! The sample lines, in input order, each `name{node="…"[,proxy="…"][,labels]} value[ ts]\n`.
    QByteArray lines;
    qsizetype sampleCount = 0;
    //! One byte per sample (line order): bit `1 << int(t)` is set when the sample may stand in
    //! a family of type `t` called `name` (a type conflict keeps only those).
    QByteArray fitsTypes;

    //! Whether sample `index` may stand in a family of `type`.
    bool fits(qsizetype index, MetricType type) const {
        return (quint8(fitsTypes.at(index)) >> int(type)) & 1;
    }
};

} // namespace lmcf
