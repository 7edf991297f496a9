#include "plugin/PluginConfig.h"

#include "QtPrinters.h"
#include "TestData.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {
QByteArray mpWithExtra(const QByteArray &extra) {
    return R"({"mp_config":{"chunk_size":256},"http_config":{"http_host":"0.0.0.0","http_port":8085},
              "runtime_plugin_extra_config":)" +
           extra + "}";
}
} // namespace

TEST(PluginConfig, ReadsTheMpShapeAsLmcachePassesIt) {
    const auto config =
        PluginConfig::parse(test::readData(QStringLiteral("plugin/mp-config.json")));
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    EXPECT_EQ(config->heartbeatUrl, QUrl(QStringLiteral("http://head:5000/lmcache_heartbeat")));
    EXPECT_DOUBLE_EQ(config->heartbeatIntervalS, 30.0);
    EXPECT_DOUBLE_EQ(config->heartbeatInitialDelayS, 0.0);
    EXPECT_EQ(config->httpHost, QStringLiteral("0.0.0.0"));
    EXPECT_EQ(config->httpPort, 8085);
    EXPECT_EQ(config->l1SizeBytes, 10737418240LL);
    EXPECT_EQ(config->evictionPolicy, QStringLiteral("LRU"));
    EXPECT_EQ(config->chunkSize, 256);
    EXPECT_EQ(config->hashAlgorithm, QStringLiteral("blake3"));
    EXPECT_FALSE(config->vllmMode);
    EXPECT_TRUE(config->warnings.isEmpty());
    EXPECT_TRUE(config->missingSettings().isEmpty());
}

TEST(PluginConfig, DefaultsAreThirtySecondsAndNoDelay) {
    const auto config =
        PluginConfig::parse(mpWithExtra(R"({"plugin.frontend.heartbeat-url":"http://h/x"})"));
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    EXPECT_DOUBLE_EQ(config->heartbeatIntervalS, 30.0);
    EXPECT_DOUBLE_EQ(config->heartbeatInitialDelayS, 0.0);
    EXPECT_TRUE(config->reportHost.isEmpty());
}

TEST(PluginConfig, DashAndUnderscoreAreInterchangeable) {
    const auto config = PluginConfig::parse(mpWithExtra(
        R"({"plugin.frontend.heartbeat_url":"http://h:1/hb","plugin.frontend.heartbeat_interval":"2.5",
            "plugin.frontend.heartbeat-initial_delay":1,"plugin.frontend.report_host":"10.1.2.3"})"));
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    EXPECT_EQ(config->heartbeatUrl, QUrl(QStringLiteral("http://h:1/hb")));
    EXPECT_DOUBLE_EQ(config->heartbeatIntervalS, 2.5);
    EXPECT_DOUBLE_EQ(config->heartbeatInitialDelayS, 1.0);
    EXPECT_EQ(config->reportHost, QStringLiteral("10.1.2.3"));
}

TEST(PluginConfig, UnknownFrontendKeyIsAWarningNotAFailure) {
    const auto config = PluginConfig::parse(mpWithExtra(
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.colour":"blue",
            "plugin.other.thing":1})"));
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    ASSERT_EQ(config->warnings.size(), 1);
    EXPECT_TRUE(config->warnings.first().contains(QStringLiteral("plugin.frontend.colour")));
}

TEST(PluginConfig, MissingUrlIsReportedClearly) {
    const auto config = PluginConfig::parse(mpWithExtra("{}"));
    ASSERT_TRUE(config.ok());
    EXPECT_TRUE(config->missingSettings().contains(QStringLiteral("heartbeat-url")))
        << config->missingSettings().toStdString();
}

TEST(PluginConfig, MissingPortIsReportedClearly) {
    const auto config = PluginConfig::parse(
        R"({"runtime_plugin_extra_config":{"plugin.frontend.heartbeat-url":"http://h/x"}})");
    ASSERT_TRUE(config.ok());
    EXPECT_TRUE(config->missingSettings().contains(QStringLiteral("http_port")));
}

TEST(PluginConfig, BadValuesFailNamingTheKey) {
    const QList<QByteArray> bad = {
        R"({"plugin.frontend.heartbeat-url":"ftp://h/x"})",
        R"({"plugin.frontend.heartbeat-url":42})",
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.heartbeat-interval":0})",
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.heartbeat-interval":"soon"})",
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.heartbeat-initial-delay":-1})",
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.heartbeat-interval":1e300})",
        R"({"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.heartbeat-initial-delay":"nan"})",
    };
    for (const QByteArray &extra : bad) {
        const auto config = PluginConfig::parse(mpWithExtra(extra));
        EXPECT_FALSE(config.ok()) << extra.toStdString();
        EXPECT_TRUE(config.error().contains(QStringLiteral("plugin.frontend.")))
            << config.error().toStdString();
    }
}

TEST(PluginConfig, MalformedDocumentsFail) {
    EXPECT_FALSE(PluginConfig::parse("").ok());
    EXPECT_FALSE(PluginConfig::parse("{").ok());
    EXPECT_FALSE(PluginConfig::parse("[1,2]").ok());
    EXPECT_FALSE(PluginConfig::parse(R"({"http_config":[]})").ok());
    EXPECT_FALSE(PluginConfig::parse(R"({"http_config":{"http_port":70000}})").ok());
    EXPECT_FALSE(PluginConfig::parse(R"({"http_config":{"http_port":"x"}})").ok());
}

// Found by FuzzPluginConfig: a size beyond qint64 was cast directly (undefined behaviour).
TEST(PluginConfig, CacheSizesBeyondRangeReadAsUnknown) {
    const auto mp = PluginConfig::parse(
        R"({"storage_manager_config":{"l1_manager_config":{"memory_config":{"size_in_bytes":1e300}}}})");
    ASSERT_TRUE(mp.ok()) << mp.error().toStdString();
    EXPECT_EQ(mp->l1SizeBytes, -1);
    const auto vllm = PluginConfig::parse(R"({"chunk_size":256,"max_local_cpu_size":-1e300})");
    ASSERT_TRUE(vllm.ok()) << vllm.error().toStdString();
    EXPECT_EQ(vllm->l1SizeBytes, -1);
}

TEST(PluginConfig, ExtraConfigMayArriveAsAJsonString) {
    const auto config = PluginConfig::parse(
        R"({"http_config":{"http_port":1},"runtime_plugin_extra_config":"{\"plugin.frontend.heartbeat-url\":\"http://h/x\"}"})");
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    EXPECT_EQ(config->heartbeatUrl, QUrl(QStringLiteral("http://h/x")));
}

TEST(PluginConfig, ReadsTheVllmEngineConfigShape) {
    const auto config =
        PluginConfig::parse(test::readData(QStringLiteral("plugin/vllm-config.json")));
    ASSERT_TRUE(config.ok()) << config.error().toStdString();
    EXPECT_TRUE(config->vllmMode);
    EXPECT_EQ(config->heartbeatUrl, QUrl(QStringLiteral("http://head:5000/lmcache_heartbeat")));
    EXPECT_DOUBLE_EQ(config->heartbeatIntervalS, 10.0);
    EXPECT_EQ(config->httpPort, 6999);
    EXPECT_EQ(config->chunkSize, 256);
    EXPECT_EQ(config->l1SizeBytes, 5LL * 1024 * 1024 * 1024);
    EXPECT_TRUE(config->warnings.isEmpty()) << config->warnings.join(u';').toStdString();
}
