#include "DaemonOptions.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using lmcf::DaemonOptions;

namespace {
lmcf::Outcome<DaemonOptions> parse(QStringList args) {
    args.prepend(QStringLiteral("lmcache-fleetd"));
    return DaemonOptions::parse(args);
}
} // namespace

TEST(DaemonOptions, DefaultsFollowTheOriginalDashboard) {
    const auto o = parse({});
    ASSERT_TRUE(o.ok()) << o.error().toStdString();
    EXPECT_EQ(o->host, QStringLiteral("0.0.0.0"));
    EXPECT_EQ(o->port, 8000);
    EXPECT_EQ(o->heartbeatIntervalS, 30);
    EXPECT_EQ(o->logLevel, QStringLiteral("warning"));
    EXPECT_FALSE(o->nodeTtlS.has_value());
    EXPECT_EQ(o->maxBodyBytes, 64LL * 1024 * 1024);
}

TEST(DaemonOptions, ReadsEveryKindOfValue) {
    const auto o = parse({QStringLiteral("--port=0"), QStringLiteral("--host=::1"),
                          QStringLiteral("--node-supplier-url=http://head:9000/lmcache_infos"),
                          QStringLiteral("--node-ttl=12.5"), QStringLiteral("--max-body=2M"),
                          QStringLiteral("--allow-node-path=/env"),
                          QStringLiteral("--allow-node-path=/threads"),
                          QStringLiteral("--log-level=DEBUG"), QStringLiteral("--no-http")});
    ASSERT_TRUE(o.ok()) << o.error().toStdString();
    EXPECT_EQ(o->port, 0);
    EXPECT_EQ(o->host, QStringLiteral("::1"));
    EXPECT_EQ(o->nodeSupplierUrl.host(), QStringLiteral("head"));
    EXPECT_EQ(o->nodeTtlS, 12.5);
    EXPECT_EQ(o->maxBodyBytes, 2 * 1024 * 1024);
    EXPECT_EQ(o->allowedNodePaths.size(), 2);
    EXPECT_EQ(o->logLevel, QStringLiteral("debug"));
    EXPECT_TRUE(o->noHttp);
}

TEST(DaemonOptions, BadValuesNameTheFlag) {
    const std::pair<const char *, const char *> cases[] = {
        {"--port=70000", "--port"},
        {"--scrape-timeout=soon", "--scrape-timeout"},
        {"--proxy-timeout=3000000", "--proxy-timeout"},
        {"--scrape-interval=nan", "--scrape-interval"},
        {"--max-body=lots", "--max-body"},
        {"--heartbeat-url=ftp://x/", "--heartbeat-url"},
        {"--log-level=loud", "--log-level"},
        {"--tls-cert=a.pem", "--tls-key"},
        {"--upstream-token-file=", "--upstream-token-file"},
        {"--bogus", "bogus"},
    };
    for (const auto &[argument, named] : cases) {
        const auto o = parse({QString::fromUtf8(argument)});
        ASSERT_FALSE(o.ok()) << argument;
        EXPECT_TRUE(o.error().contains(QString::fromUtf8(named))) << o.error().toStdString();
    }
}
