#pragma once

#include "prometheus/Exposition.h"

#include <QString>

namespace lmcf {

//! One node's parsed scrape, named as the merged output will label it (`node="<node>"`, and
//! `proxy="<proxy>"` when the node is a process behind a vLLM node's proxy).
struct NodeExposition {
    QString node;
    Exposition exposition;
    QString proxy = {}; //!< empty: no proxy label
};

//! One node's raw scrape text, for MetricsMerger::mergeText.
struct NodeText {
    QString node;
    QByteArray text;
    QByteArray contentType; //!< the scrape's Content-Type, empty when unknown
};

} // namespace lmcf
