#include "scrape/PreparedNodeCache.h"

#include "QtPrinters.h"
#include "prometheus/MetricsMerger.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

ScrapeOutcome answered(const char *node, QByteArray body,
                       QByteArray contentType = "text/plain; version=0.0.4") {
    ScrapeOutcome outcome{QString::fromUtf8(node), {}, {}};
    outcome.result.status = 200;
    outcome.result.body = std::move(body);
    outcome.result.headers = {{"Content-Type", std::move(contentType)}};
    return outcome;
}

QByteArray merged(const PreparedScrape &scrape) {
    return MetricsMerger::mergePrepared({scrape.prepared}).text;
}

} // namespace

TEST(PreparedNodeCache, ReusesTheLastPreparationWhileTheBodyIsTheSame) {
    PreparedNodeCache cache;
    const PreparedScrape first = cache.prepare(answered("a", "# TYPE g gauge\ng 1\n"));
    ASSERT_TRUE(first.prepared);
    EXPECT_EQ(merged(first), "# TYPE g gauge\ng{node=\"a\"} 1\n");
    // Same bytes in another buffer (a new round): the same preparation, not a new parse.
    const PreparedScrape again = cache.prepare(answered("a", QByteArray("# TYPE g gauge\ng 1\n")));
    EXPECT_EQ(again.prepared, first.prepared);
    EXPECT_EQ(cache.hits(), 1);
    EXPECT_EQ(cache.misses(), 1);
}

TEST(PreparedNodeCache, PreparesAgainWhenBodyOrContentTypeChanges) {
    PreparedNodeCache cache;
    const PreparedScrape first = cache.prepare(answered("a", "g 1\n"));
    const PreparedScrape changed = cache.prepare(answered("a", "g 2\n"));
    EXPECT_NE(changed.prepared, first.prepared);
    EXPECT_EQ(merged(changed), "# TYPE g untyped\ng{node=\"a\"} 2\n");
    // The same text announced as OpenMetrics is read by other rules: prepared again.
    const PreparedScrape om = cache.prepare(
        answered("a", "g 2\n", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    EXPECT_NE(om.prepared, changed.prepared);
    EXPECT_EQ(cache.hits(), 0);
    EXPECT_EQ(cache.misses(), 3);
}

TEST(PreparedNodeCache, KeepsNodesAndProxiesApart) {
    PreparedNodeCache cache;
    ScrapeOutcome behindProxy = answered("a", "g 1\n");
    behindProxy.proxy = QStringLiteral("p");
    const PreparedScrape direct = cache.prepare(answered("a", "g 1\n"));
    const PreparedScrape proxied = cache.prepare(behindProxy);
    const PreparedScrape other = cache.prepare(answered("b", "g 1\n"));
    EXPECT_EQ(merged(proxied), "# TYPE g untyped\ng{node=\"a\",proxy=\"p\"} 1\n");
    EXPECT_EQ(merged(other), "# TYPE g untyped\ng{node=\"b\"} 1\n");
    EXPECT_EQ(merged(direct), "# TYPE g untyped\ng{node=\"a\"} 1\n");
    EXPECT_EQ(cache.hits(), 0);
    EXPECT_EQ(cache.size(), 3);
}

TEST(PreparedNodeCache, DownAndUnparsableNodesGetTheirReason) {
    PreparedNodeCache cache;
    ScrapeOutcome failed = answered("a", "g 1\n");
    failed.result.status = 503;
    EXPECT_FALSE(cache.prepare(failed).prepared);
    EXPECT_EQ(cache.prepare(failed).error, QStringLiteral("HTTP status 503"));
    failed.result.status = 0;
    failed.result.error = QStringLiteral("timed out after 5 ms");
    EXPECT_EQ(cache.prepare(failed).error, QStringLiteral("timed out after 5 ms"));
    EXPECT_EQ(cache.misses(), 0); // a failed scrape has no text to prepare

    const PreparedScrape garbage = cache.prepare(answered("b", "g{ 1\n"));
    EXPECT_FALSE(garbage.prepared);
    EXPECT_TRUE(garbage.error.startsWith(QStringLiteral("unparsable metrics: line 1:")))
        << garbage.error.toStdString();
    EXPECT_EQ(cache.prepare(answered("b", "g{ 1\n")).error, garbage.error);
    EXPECT_EQ(cache.hits(), 1);
}

TEST(PreparedNodeCache, ForgetsNodesThatLeftTheFleet) {
    PreparedNodeCache cache;
    cache.prepare(answered("a", "g 1\n"));
    cache.prepare(answered("b", "g 1\n"));
    cache.keepOnly({answered("b", {})});
    EXPECT_EQ(cache.size(), 1);
    cache.prepare(answered("a", "g 1\n"));
    cache.prepare(answered("b", "g 1\n"));
    EXPECT_EQ(cache.hits(), 1); // b only
}
