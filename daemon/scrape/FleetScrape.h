#pragma once

#include "core/Outcome.h"
#include "prometheus/Exposition.h"
#include "scrape/ScrapeRound.h"

namespace lmcf {

//! One node of a finished round, read: up when it answered 2xx in time and its text parsed.
struct ScrapedNode {
    QString node;
    QString proxy = {}; //!< the dashboard it was reached through, or empty
    bool up = false;
    double seconds = 0; //!< how long the scrape took
    QString error;      //!< why the node is down (empty when up)
    Exposition exposition;
};

//! The raw result of one scrape round of the whole fleet. Bodies are kept as text (a parsed
//! exposition is several times larger); read() parses one node when it is needed.
struct FleetScrape {
    qint64 generation = 0;   //!< increases by one per finished round
    qint64 startedAtMs = 0;  //!< wall clock, ms since the epoch
    qint64 finishedAtMs = 0; //!< wall clock, ms since the epoch
    QList<ScrapeOutcome> outcomes;

    //! Parses one outcome (text 0.0.4 or OpenMetrics, as its Content-Type says).
    static ScrapedNode read(const ScrapeOutcome &outcome);
    //! Why the node is down before its text is even read (transfer error, non-2xx status), or
    //! empty when it answered.
    static QString failure(const ScrapeOutcome &outcome);
    //! The answered body parsed, or `unparsable metrics: <parser error>`.
    static Outcome<Exposition> parse(const ScrapeOutcome &outcome);
};

} // namespace lmcf
