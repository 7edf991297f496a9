#include "scrape/PreparedNodeCache.h"

#include "scrape/FleetScrape.h"

#include <QSet>

namespace lmcf {

PreparedScrape PreparedNodeCache::prepare(const ScrapeOutcome &outcome) {
    PreparedScrape scrape;
    scrape.error = FleetScrape::failure(outcome);
    if (!scrape.error.isEmpty())
        return scrape;
    const Key key(outcome.node, outcome.proxy);
    const QByteArray &body = outcome.result.body;
    const QByteArray contentType = outcome.result.header("Content-Type");
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_entries.find(key);
        // The same buffer (another render of this round) or the same bytes (a later round).
        const bool same = it != m_entries.end() && it->contentType == contentType &&
                          (it->body.constData() == body.constData() ? it->body.size() == body.size()
                                                                    : it->body == body);
        if (same) {
            ++m_hits;
            it->body = body; // the newest round's copy: the older one can be freed with its round
            return it->scrape;
        }
        ++m_misses;
    }
    auto parsed = FleetScrape::parse(outcome);
    if (parsed) {
        scrape.prepared = std::make_shared<const PreparedNode>(
            PreparedNode::prepare({outcome.node, std::move(parsed).value(), outcome.proxy}));
    } else {
        scrape.error = parsed.error();
    }
    const QMutexLocker lock(&m_mutex);
    m_entries.insert(key, {body, contentType, scrape});
    return scrape;
}

void PreparedNodeCache::keepOnly(const QList<ScrapeOutcome> &outcomes) {
    QSet<Key> present;
    present.reserve(outcomes.size());
    for (const ScrapeOutcome &outcome : outcomes)
        present.insert(Key(outcome.node, outcome.proxy));
    const QMutexLocker lock(&m_mutex);
    m_entries.removeIf([&present](const auto &entry) { return !present.contains(entry.key()); });
}

qint64 PreparedNodeCache::hits() const {
    const QMutexLocker lock(&m_mutex);
    return m_hits;
}

qint64 PreparedNodeCache::misses() const {
    const QMutexLocker lock(&m_mutex);
    return m_misses;
}

qsizetype PreparedNodeCache::size() const {
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

} // namespace lmcf
