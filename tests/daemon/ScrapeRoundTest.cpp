#include "scrape/ScrapeRound.h"

#include "CannedHttpPeer.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QElapsedTimer>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using test::CannedHttpPeer;

namespace {
QUrl closedPortUrl() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(probe.serverPort()));
}
} // namespace

TEST(ScrapeRound, HealthyDeadAndStuckNodesEndWithinTheTimeout) {
    CannedHttpPeer healthy(CannedHttpPeer::okReply("up 1\n"));
    CannedHttpPeer stuck({});
    HttpClient client;
    std::optional<QList<ScrapeOutcome>> outcomes;
    ScrapeLimits limits;
    limits.timeoutMs = 1000; // generous for the healthy peer on a loaded machine
    QElapsedTimer clock;
    clock.start();
    ScrapeRound::start(client,
                       {{QStringLiteral("a"), healthy.url(QStringLiteral("/metrics"))},
                        {QStringLiteral("b"), closedPortUrl()},
                        {QStringLiteral("c"), stuck.url(QStringLiteral("/metrics"))}},
                       limits, [&](const QList<ScrapeOutcome> &o) { outcomes = o; });
    ASSERT_TRUE(test::waitUntil([&] { return outcomes.has_value(); }, 6000));
    EXPECT_LT(clock.elapsed(), 1000 + 2000); // the stuck node did not hold the round
    ASSERT_EQ(outcomes->size(), 3);
    EXPECT_EQ(outcomes->at(0).node, QStringLiteral("a"));
    EXPECT_TRUE(outcomes->at(0).result.ok());
    EXPECT_EQ(outcomes->at(0).result.body, QByteArray("up 1\n"));
    EXPECT_FALSE(outcomes->at(1).result.ok());
    EXPECT_TRUE(outcomes->at(2).result.timedOut);
}

TEST(ScrapeRound, BoundedConcurrencyStillScrapesEveryone) {
    CannedHttpPeer peer(CannedHttpPeer::okReply("x 1\n"));
    HttpClient client;
    QList<ScrapeTarget> targets;
    for (int i = 0; i < 20; ++i)
        targets.append({QStringLiteral("n%1").arg(i), peer.url(QStringLiteral("/metrics"))});
    ScrapeLimits limits;
    limits.maxInFlight = 3;
    std::optional<QList<ScrapeOutcome>> outcomes;
    ScrapeRound::start(client, targets, limits,
                       [&](const QList<ScrapeOutcome> &o) { outcomes = o; });
    ASSERT_TRUE(test::waitUntil([&] { return outcomes.has_value(); }, 5000));
    ASSERT_EQ(outcomes->size(), 20);
    for (const auto &o : *outcomes)
        EXPECT_TRUE(o.result.ok()) << o.node.toStdString();
}

TEST(ScrapeRound, EmptyRoundCompletesAndCancelSilences) {
    HttpClient client;
    bool emptyDone = false;
    ScrapeRound::start(client, {}, {}, [&](const QList<ScrapeOutcome> &) { emptyDone = true; });
    EXPECT_FALSE(emptyDone);
    EXPECT_TRUE(test::waitUntil([&] { return emptyDone; }, 1000));

    CannedHttpPeer stuck({});
    bool called = false;
    auto round = ScrapeRound::start(client, {{QStringLiteral("s"), stuck.url(QStringLiteral("/"))}},
                                    {}, [&](const QList<ScrapeOutcome> &) { called = true; });
    ASSERT_TRUE(round);
    round->cancel();
    test::processEventsFor(200);
    EXPECT_FALSE(called);
}
