// The gateway's JSON, checked against answers captured from a real etcd 3.4.23 (tests/data/etcd).
#include "registry/EtcdCodec.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "registry/EtcdKeys.h"
#include "registry/RegistryEntry.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {
QJsonObject json(const QByteArray &bytes) {
    return QJsonDocument::fromJson(bytes).object();
}
QList<QByteArray> lines(const QString &fixture) {
    QList<QByteArray> out;
    for (const QByteArray &line : test::readData(fixture).split('\n'))
        if (!line.trimmed().isEmpty())
            out.append(line);
    return out;
}
} // namespace

TEST(EtcdCodec, RequestsUseBase64AndDecimalStrings) {
    EXPECT_EQ(json(EtcdCodec::grantRequest(3)), QJsonObject({{u"TTL"_s, u"3"_s}}));
    EXPECT_EQ(json(EtcdCodec::keepAliveRequest(4111120184283756055)),
              QJsonObject({{u"ID"_s, u"4111120184283756055"_s}}));
    EXPECT_EQ(json(EtcdCodec::putRequest("/k", "v", 7)),
              QJsonObject({{u"key"_s, u"L2s="_s}, {u"value"_s, u"dg=="_s}, {u"lease"_s, u"7"_s}}));
    EXPECT_FALSE(json(EtcdCodec::putRequest("/k", "v", 0)).contains(u"lease"_s));
    EXPECT_EQ(json(EtcdCodec::rangeRequest("/a/", "/a0")),
              QJsonObject({{u"key"_s, u"L2Ev"_s}, {u"range_end"_s, u"L2Ew"_s}}));
    const QJsonObject watch = json(EtcdCodec::watchRequest("/a/", "/a0", 42));
    EXPECT_EQ(
        watch.value(u"create_request"_s).toObject(),
        QJsonObject(
            {{u"key"_s, u"L2Ev"_s}, {u"range_end"_s, u"L2Ew"_s}, {u"start_revision"_s, u"42"_s}}));
    EXPECT_FALSE(json(EtcdCodec::watchRequest("/a/", "/a0", 0))
                     .value(u"create_request"_s)
                     .toObject()
                     .contains(u"start_revision"_s));
}

TEST(EtcdCodec, ReadsLeaseAnswersWithoutLosingPrecision) {
    const auto lease = EtcdCodec::parseGrant(test::readData(u"etcd/grant.json"_s));
    ASSERT_TRUE(lease) << lease.error().toStdString();
    EXPECT_EQ(lease->id, 4111120184283756055); // above 2^53: a double would round it
    EXPECT_EQ(lease->ttlS, 30);
    EXPECT_EQ(EtcdCodec::parseKeepAlive(test::readData(u"etcd/keepalive.json"_s)).value(), 30);
    // An unknown lease comes back without a TTL: 0, "gone".
    EXPECT_EQ(EtcdCodec::parseKeepAlive(test::readData(u"etcd/keepalive-expired.json"_s)).value(),
              0);
}

TEST(EtcdCodec, RecognisesTheLeaseNotFoundError) {
    const auto error = EtcdCodec::parseError(test::readData(u"etcd/put-lease-not-found.json"_s));
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, EtcdCodec::notFoundCode);
    EXPECT_EQ(error->message, u"etcdserver: requested lease not found"_s);
    EXPECT_FALSE(EtcdCodec::parseError(test::readData(u"etcd/grant.json"_s)));
    const auto grant = EtcdCodec::parseGrant(test::readData(u"etcd/put-lease-not-found.json"_s));
    ASSERT_FALSE(grant);
    EXPECT_TRUE(grant.error().contains(u"requested lease not found"_s));
}

TEST(EtcdCodec, ReadsARangeOfNodeEntries) {
    const auto range = EtcdCodec::parseRange(test::readData(u"etcd/range.json"_s));
    ASSERT_TRUE(range) << range.error().toStdString();
    EXPECT_EQ(range->revision, 7);
    ASSERT_EQ(range->kvs.size(), 2);
    const EtcdKeys keys(QByteArrayLiteral("/fleet"));
    EXPECT_EQ(keys.apiAddressOf(range->kvs[0].key), u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(range->kvs[0].lease, 4111120184283756055);
    EXPECT_EQ(range->kvs[1].modRevision, 7);
    const auto entry =
        RegistryEntry::fromJson(QJsonDocument::fromJson(range->kvs[0].value).object());
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->pid, 4242);
    EXPECT_EQ(entry->otherInfo, uR"({"nodes_count":1})"_s);
    EXPECT_EQ(entry->lastReportMs, 1795400000000);
}

TEST(EtcdCodec, ReadsAWatchStream) {
    const QList<QByteArray> stream = lines(u"etcd/watch-stream.jsonl"_s);
    ASSERT_EQ(stream.size(), 3);
    const auto created = EtcdCodec::parseWatchLine(stream[0]);
    ASSERT_TRUE(created) << created.error().toStdString();
    EXPECT_TRUE(created->created);
    EXPECT_TRUE(created->events.isEmpty());

    const auto puts = EtcdCodec::parseWatchLine(stream[1]);
    ASSERT_TRUE(puts) << puts.error().toStdString();
    ASSERT_EQ(puts->events.size(), 2);
    EXPECT_FALSE(puts->events[0].deleted); // a PUT carries no "type"
    EXPECT_FALSE(puts->events[0].kv.value.isEmpty());

    const auto deletes = EtcdCodec::parseWatchLine(stream[2]);
    ASSERT_TRUE(deletes) << deletes.error().toStdString();
    EXPECT_EQ(deletes->revision, 8);
    ASSERT_EQ(deletes->events.size(), 2);
    EXPECT_TRUE(deletes->events[1].deleted);
    EXPECT_TRUE(deletes->events[1].kv.value.isEmpty());
    EXPECT_EQ(EtcdKeys(QByteArrayLiteral("/fleet")).apiAddressOf(deletes->events[1].kv.key),
              u"http://10.0.0.6:8085"_s);
}

TEST(EtcdCodec, ReportsACompactedWatchAsCanceled) {
    const QList<QByteArray> stream = lines(u"etcd/watch-compacted.jsonl"_s);
    ASSERT_EQ(stream.size(), 2);
    const auto canceled = EtcdCodec::parseWatchLine(stream[1]);
    ASSERT_TRUE(canceled) << canceled.error().toStdString();
    EXPECT_TRUE(canceled->canceled);
    EXPECT_EQ(canceled->compactRevision, 8);
}

TEST(EtcdCodec, BadInputFailsWithAMessage) {
    EXPECT_FALSE(EtcdCodec::parseWatchLine("not json"));
    EXPECT_FALSE(EtcdCodec::parseWatchLine("[1,2]"));
    EXPECT_FALSE(EtcdCodec::parseWatchLine(R"({"other":1})"));
    const auto error = EtcdCodec::parseWatchLine(
        R"({"error":{"grpc_code":14,"http_code":503,"message":"no leader","http_status":"x"}})");
    ASSERT_FALSE(error);
    EXPECT_TRUE(error.error().contains(u"no leader"_s));
    const auto badBase64 =
        EtcdCodec::parseRange(R"({"header":{"revision":"1"},"kvs":[{"key":"***","value":""}]})");
    ASSERT_FALSE(badBase64);
    EXPECT_TRUE(badBase64.error().contains(u"key: not base64"_s));
    EXPECT_FALSE(EtcdCodec::parseGrant(R"({"TTL":"5"})"));
    EXPECT_FALSE(EtcdCodec::parseKeepAlive(R"({"ID":"5"})"));
    EXPECT_EQ(EtcdCodec::toInt64(QJsonValue(u"12x"_s)), std::nullopt);
    EXPECT_EQ(EtcdCodec::toInt64(QJsonValue(12)), 12);
    EXPECT_EQ(EtcdCodec::toInt64(QJsonValue(u"-3"_s)), -3);
}
