// FleetScraper: one round for a burst of callers, reuse of a fresh round, cancellation; and
// ScrapeRound's round deadline.
#include "scrape/FleetScraper.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QElapsedTimer>

#include <gtest/gtest.h>

using namespace lmcf;
using test::CannedHttpPeer;

namespace {
using Scrape = std::shared_ptr<const FleetScrape>;
}

TEST(FleetScraper, CallersDuringARoundShareItAndAFreshRoundIsReused) {
    CannedHttpPeer node(CannedHttpPeer::okReply("up 1\n"));
    HttpClient client;
    FleetScraper scraper(client, {});
    scraper.setTargets([&] {
        return QList<ScrapeTarget>{{QStringLiteral("a"), node.url(QStringLiteral("/m"))}};
    });
    QList<Scrape> got;
    for (int i = 0; i < 5; ++i)
        scraper.collect(0, [&](const Scrape &s) { got.append(s); });
    EXPECT_TRUE(got.isEmpty()); // never inside collect()
    ASSERT_TRUE(test::waitUntil([&] { return got.size() == 5; }));
    EXPECT_EQ(node.requestsSeen(), 1);
    for (const Scrape &s : got)
        EXPECT_EQ(s->generation, 1);
    ASSERT_EQ(got.first()->outcomes.size(), 1);
    EXPECT_TRUE(got.first()->outcomes.first().result.ok());

    Scrape reused;
    scraper.collect(60000, [&](const Scrape &s) { reused = s; });
    ASSERT_TRUE(test::waitUntil([&] { return reused != nullptr; }));
    EXPECT_EQ(reused->generation, 1);
    EXPECT_EQ(node.requestsSeen(), 1);

    Scrape fresh;
    scraper.collect(0, [&](const Scrape &s) { fresh = s; });
    ASSERT_TRUE(test::waitUntil([&] { return fresh != nullptr; }));
    EXPECT_EQ(fresh->generation, 2);
    EXPECT_EQ(node.requestsSeen(), 2);
}

TEST(FleetScraper, ARoundNobodyWaitsForIsAborted) {
    CannedHttpPeer stuck({});
    HttpClient client;
    FleetScraper scraper(client, {});
    scraper.setTargets([&] {
        return QList<ScrapeTarget>{{QStringLiteral("s"), stuck.url(QStringLiteral("/m"))}};
    });
    bool first = false;
    bool second = false;
    const quint64 a = scraper.collect(0, [&](const Scrape &) { first = true; });
    const quint64 b = scraper.collect(0, [&](const Scrape &) { second = true; });
    EXPECT_TRUE(scraper.roundInFlight());
    scraper.cancel(a);
    EXPECT_TRUE(scraper.roundInFlight()); // b still waits
    scraper.cancel(b);
    EXPECT_FALSE(scraper.roundInFlight());
    test::processEventsFor(100);
    EXPECT_FALSE(first);
    EXPECT_FALSE(second);
}

TEST(ScrapeRoundDeadline, EndsTheRoundWhateverIsStillQueued) {
    CannedHttpPeer healthy(CannedHttpPeer::okReply("up 1\n"));
    CannedHttpPeer stuck({});
    HttpClient client;
    QList<ScrapeTarget> targets{{QStringLiteral("ok"), healthy.url(QStringLiteral("/m"))}};
    for (int i = 0; i < 6; ++i)
        targets.append({QStringLiteral("stuck%1").arg(i), stuck.url(QStringLiteral("/m"))});
    ScrapeLimits limits;
    // Generous for the healthy peer on a loaded machine; without the deadline: 4 waves × 1.5 s.
    limits.timeoutMs = 1500;
    limits.maxInFlight = 2;
    limits.roundDeadlineMs = 1000;
    std::optional<QList<ScrapeOutcome>> outcomes;
    QElapsedTimer clock;
    clock.start();
    ScrapeRound::start(client, targets, limits,
                       [&](const QList<ScrapeOutcome> &o) { outcomes = o; });
    ASSERT_TRUE(test::waitUntil([&] { return outcomes.has_value(); }, 8000));
    EXPECT_LT(clock.elapsed(), 1000 + 2000); // without the deadline: about 3 × 1.5 s
    ASSERT_EQ(outcomes->size(), 7);
    EXPECT_TRUE(outcomes->at(0).result.ok());
    for (qsizetype i = 1; i < outcomes->size(); ++i) {
        EXPECT_FALSE(outcomes->at(i).result.ok());
        EXPECT_EQ(outcomes->at(i).node, targets[i].node);
    }
    EXPECT_TRUE(outcomes->last().result.error.contains(QStringLiteral("deadline")));
}
