#pragma once

#include "prometheus/PreparedNode.h"
#include "scrape/ScrapeRound.h"

#include <QHash>
#include <QMutex>

#include <memory>

namespace lmcf {

//! One node of a round as `/metrics` writes it: up with its prepared exposition, or down.
struct PreparedScrape {
    std::shared_ptr<const PreparedNode> prepared; //!< null when the node is down
    QString error;                                //!< why it is down (empty when up)
};

//! Every node's last prepared exposition (PreparedNode), reused while the node answers with the
//! same bytes: an idle node's `/metrics` is byte-identical from one round to the next, and then
//! costs a comparison instead of a parse and a rewrite. Thread-safe (renders run on workers);
//! parsing happens outside the lock. Holds one body and one prepared text per node.
class PreparedNodeCache final {
public:
    //! The outcome prepared (labelled with its node and proxy), from the cache when the node's
    //! body and Content-Type equal the ones last prepared for it, else parsed and stored. A node
    //! that failed or whose text does not parse gets its error (FleetScrape::failure/parse).
    PreparedScrape prepare(const ScrapeOutcome &outcome);
    //! Forgets the nodes not in `outcomes` (they left the fleet).
    void keepOnly(const QList<ScrapeOutcome> &outcomes);

    qint64 hits() const;
    qint64 misses() const;
    qsizetype size() const;

private:
    struct Entry {
        QByteArray body;
        QByteArray contentType;
        PreparedScrape scrape;
    };
    using Key = QPair<QString, QString>; // node, proxy

    mutable QMutex m_mutex;
    QHash<Key, Entry> m_entries;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

} // namespace lmcf
