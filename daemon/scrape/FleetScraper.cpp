#include "scrape/FleetScraper.h"

#include <QDateTime>
#include <QTimer>

namespace lmcf {

FleetScraper::FleetScraper(HttpClient &client, ScrapeLimits limits, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_limits(limits)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {}

FleetScraper::~FleetScraper() {
    if (m_round)
        m_round->cancel();
}

quint64 FleetScraper::collect(qint64 maxAgeMs, Ready ready) {
    const quint64 ticket = m_nextTicket++;
    const auto latest = m_latest;
    if (!m_round && latest && m_cacheValid && maxAgeMs > 0 &&
        m_clock() - latest->finishedAtMs <= maxAgeMs) {
        // Still asynchronous, so callers see one behaviour whatever the cache holds.
        m_waiting.insert(ticket, std::move(ready));
        QTimer::singleShot(0, this, [this, ticket, latest] {
            const Ready callback = m_waiting.take(ticket);
            if (callback)
                callback(latest);
        });
        return ticket;
    }
    m_waiting.insert(ticket, std::move(ready));
    if (!m_round)
        startRound();
    return ticket;
}

void FleetScraper::cancel(quint64 ticket) {
    m_waiting.remove(ticket);
    if (m_waiting.isEmpty() && m_round) {
        m_round->cancel();
        m_round = nullptr;
    }
}

void FleetScraper::startRound() {
    m_roundStartedAtMs = m_clock();
    m_cacheValid = true; // until the fleet changes while this round runs or after it
    QList<ScrapeTarget> targets = m_targets ? m_targets() : QList<ScrapeTarget>{};
    m_round = ScrapeRound::start(m_client, std::move(targets), m_limits,
                                 [this](const QList<ScrapeOutcome> &o) { finishRound(o); });
}

void FleetScraper::finishRound(const QList<ScrapeOutcome> &outcomes) {
    m_round = nullptr;
    auto scrape = std::make_shared<FleetScrape>();
    scrape->generation = ++m_generation;
    scrape->startedAtMs = m_roundStartedAtMs;
    scrape->finishedAtMs = m_clock();
    scrape->outcomes = outcomes;
    m_latest = scrape;
    // Callbacks may collect() again (a new round then starts for them); hand out this one first.
    const QHash<quint64, Ready> waiting = std::exchange(m_waiting, {});
    for (const Ready &ready : waiting) {
        if (ready)
            ready(m_latest);
    }
    Q_EMIT roundFinished();
}

} // namespace lmcf
