#pragma once

#include "scrape/FleetScrape.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace lmcf {

//! Scrapes every node of the fleet, for `/metrics` on demand and for the history on an
//! interval, through one ScrapeRound at a time:
//! - callers that arrive while a round is in flight join it (a burst of `/metrics` requests
//!   costs one fan-out), and a round that finished less than `maxAgeMs` ago is handed out again;
//! - the targets come from an injected provider, asked at the start of every round;
//! - a caller that no longer wants the answer cancels its ticket; a round nobody waits for any
//!   more is aborted.
class FleetScraper final : public QObject {
    Q_OBJECT
public:
    using TargetProvider = std::function<QList<ScrapeTarget>()>;
    using Ready = std::function<void(const std::shared_ptr<const FleetScrape> &)>;
    using Clock = std::function<qint64()>; //!< wall clock in ms since the epoch

    FleetScraper(HttpClient &client, ScrapeLimits limits, QObject *parent = nullptr);
    ~FleetScraper() override;

    void setTargets(TargetProvider provider) { m_targets = std::move(provider); }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    const ScrapeLimits &limits() const { return m_limits; }

    //! `ready` runs once, later (never inside this call), with a round no older than `maxAgeMs`
    //! (0: a fresh round, or the one in flight). Returns a ticket for cancel().
    quint64 collect(qint64 maxAgeMs, Ready ready);
    //! Forgets the ticket's callback (it will not run); aborts the round if nobody else waits.
    void cancel(quint64 ticket);

    //! The fleet changed: the last round (or the one in flight, once finished) no longer
    //! describes it, so it is not handed out again; the next collect() scrapes afresh.
    void forgetCachedRound() { m_cacheValid = false; }

    //! The last finished round, or null.
    std::shared_ptr<const FleetScrape> latest() const { return m_latest; }
    bool roundInFlight() const { return !m_round.isNull(); }

Q_SIGNALS:
    void roundFinished();

private:
    void startRound();
    void finishRound(const QList<ScrapeOutcome> &outcomes);

    HttpClient &m_client;
    ScrapeLimits m_limits;
    TargetProvider m_targets;
    Clock m_clock;
    QPointer<ScrapeRound> m_round;
    qint64 m_roundStartedAtMs = 0;
    qint64 m_generation = 0;
    std::shared_ptr<const FleetScrape> m_latest;
    bool m_cacheValid = false;
    QHash<quint64, Ready> m_waiting;
    quint64 m_nextTicket = 1;
};

} // namespace lmcf
