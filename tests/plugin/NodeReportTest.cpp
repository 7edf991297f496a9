#include "NodeReport.h"

#include "QtPrinters.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace lmcf;

TEST(NodeReport, VersionQuotesAreStripped) {
    EXPECT_EQ(NodeReport::versionFromBody("\"0.3.9-abc1234\""), QStringLiteral("0.3.9-abc1234"));
    EXPECT_EQ(NodeReport::versionFromBody(" \"0.3.9\"\n"), QStringLiteral("0.3.9"));
    EXPECT_EQ(NodeReport::versionFromBody("0.4.0"), QStringLiteral("0.4.0"));
}

TEST(NodeReport, UnusableVersionFallsBackToTheOriginalDefault) {
    EXPECT_EQ(NodeReport::versionFromBody(""), QStringLiteral("1.0.0"));
    EXPECT_EQ(NodeReport::versionFromBody("\"\""), QStringLiteral("1.0.0"));
    EXPECT_EQ(NodeReport::versionFromBody("{\"detail\":\"x\"}"), QStringLiteral("1.0.0"));
    EXPECT_EQ(NodeReport::versionFromBody(QByteArray(500, 'x')), QStringLiteral("1.0.0"));
}

TEST(NodeReport, OtherInfoIsAJsonObjectWithIntervalAndSummary) {
    PluginConfig config;
    config.heartbeatIntervalS = 0.2;
    config.l1SizeBytes = 10737418240LL;
    config.evictionPolicy = QStringLiteral("LRU");
    config.chunkSize = 256;
    config.hashAlgorithm = QStringLiteral("blake3");
    const QDateTime start(QDate(2026, 11, 20), QTime(10, 0, 0));
    const QJsonDocument info =
        QJsonDocument::fromJson(NodeReport::otherInfo(config, start).toUtf8());
    ASSERT_TRUE(info.isObject());
    const QJsonObject o = info.object();
    EXPECT_EQ(o.value(QStringLiteral("startup_time")).toString(),
              QStringLiteral("2026-11-20T10:00:00"));
    EXPECT_DOUBLE_EQ(o.value(QStringLiteral("heartbeat_interval")).toDouble(), 0.2);
    EXPECT_EQ(o.value(QStringLiteral("l1_size_bytes")).toDouble(), 10737418240.0);
    EXPECT_EQ(o.value(QStringLiteral("eviction_policy")).toString(), QStringLiteral("LRU"));
    EXPECT_EQ(o.value(QStringLiteral("chunk_size")).toInt(), 256);
    EXPECT_EQ(o.value(QStringLiteral("hash_algorithm")).toString(), QStringLiteral("blake3"));
}

TEST(NodeReport, UnknownSummaryFieldsAreLeftOut) {
    const QJsonObject o =
        QJsonDocument::fromJson(
            NodeReport::otherInfo(PluginConfig{}, QDateTime::currentDateTime()).toUtf8())
            .object();
    EXPECT_TRUE(o.contains(QStringLiteral("heartbeat_interval")));
    EXPECT_FALSE(o.contains(QStringLiteral("chunk_size")));
    EXPECT_FALSE(o.contains(QStringLiteral("l1_size_bytes")));
}
