// EtcdGateway and EtcdNodeWriter against a real etcd on loopback.
#include "registry/EtcdGateway.h"

#include "EtcdUnderTest.h"
#include "QtPrinters.h"
#include "WaitUntil.h"
#include "registry/EtcdCodec.h"
#include "registry/EtcdKeys.h"
#include "registry/EtcdNodeWriter.h"

#include <QTcpServer>

#include <gtest/gtest.h>
#include <optional>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

constexpr int kHealthyMs = test::EtcdUnderTest::healthyWaitMs;

class EtcdGatewayTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (test::EtcdUnderTest::executable().isEmpty())
            GTEST_SKIP() << "etcd is not installed (apt-get install etcd-server)";
        ASSERT_TRUE(m_etcd.start()) << m_etcd.errorText().toStdString();
    }

    QUrl member() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_etcd.clientPort())); }

    //! A port that refuses connections.
    static QUrl deadMember() {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    }

    EtcdGateway::Answer call(EtcdGateway &gateway, const QByteArray &path, const QByteArray &body) {
        std::optional<EtcdGateway::Answer> answer;
        QObject context;
        gateway.call(path, body, &context, [&](const EtcdGateway::Answer &a) { answer = a; });
        test::waitUntil([&] { return answer.has_value(); }, kHealthyMs);
        return answer.value_or(EtcdGateway::Answer{});
    }

    QList<EtcdCodec::KeyValue> nodes(EtcdGateway &gateway, const EtcdKeys &keys) {
        const auto answer = call(
            gateway, "/v3/kv/range",
            EtcdCodec::rangeRequest(keys.nodesPrefix(), EtcdKeys::rangeEnd(keys.nodesPrefix())));
        const auto range = EtcdCodec::parseRange(answer.body);
        return range ? range->kvs : QList<EtcdCodec::KeyValue>{};
    }

    test::EtcdUnderTest m_etcd;
};

RegistryEntry entryAt(const QString &address, qint64 pid) {
    RegistryEntry entry;
    entry.apiAddress = address;
    entry.pid = pid;
    entry.otherInfo = uR"({"nodes_count":1})"_s;
    return entry;
}

} // namespace

TEST_F(EtcdGatewayTest, FailsOverToTheNextMember) {
    EtcdGateway gateway({deadMember(), member()});
    const auto answer = call(gateway, "/v3/kv/put", EtcdCodec::putRequest("/t/a", "1", 0));
    EXPECT_TRUE(answer.ok()) << answer.error.toStdString();
    EXPECT_EQ(gateway.currentEndpoint(), member());

    EtcdGateway nobody({deadMember()});
    const auto failed = call(nobody, "/v3/kv/put", EtcdCodec::putRequest("/t/a", "1", 0));
    EXPECT_FALSE(failed.reached);
    EXPECT_TRUE(failed.error.startsWith(u"127.0.0.1:"_s)) << failed.error.toStdString();
}

TEST_F(EtcdGatewayTest, WatchStreamsEventsLineByLine) {
    EtcdGateway gateway({member()});
    QList<QByteArray> lines;
    QObject::connect(&gateway, &EtcdGateway::watchLine,
                     [&](const QByteArray &line) { lines.append(line); });
    gateway.watch(EtcdCodec::watchRequest("/w/", "/w0", 0));
    ASSERT_TRUE(test::waitUntil([&] { return !lines.isEmpty(); }, kHealthyMs));
    EXPECT_TRUE(EtcdCodec::parseWatchLine(lines[0])->created);
    call(gateway, "/v3/kv/put", EtcdCodec::putRequest("/w/x", "hello", 0));
    ASSERT_TRUE(test::waitUntil([&] { return lines.size() >= 2; }, kHealthyMs));
    const auto put = EtcdCodec::parseWatchLine(lines[1]);
    ASSERT_TRUE(put);
    ASSERT_EQ(put->events.size(), 1);
    EXPECT_EQ(put->events[0].kv.value, QByteArrayLiteral("hello"));

    QString ended;
    QObject::connect(&gateway, &EtcdGateway::watchEnded, [&](const QString &why) { ended = why; });
    m_etcd.stop();
    ASSERT_TRUE(test::waitUntil([&] { return !ended.isEmpty(); }, kHealthyMs));
    EXPECT_FALSE(gateway.isWatching());
}

TEST_F(EtcdGatewayTest, WriterKeepsOneLeasePerNodeAndGrantsAgainAfterItExpired) {
    EtcdGateway gateway({member()});
    const EtcdKeys keys(QByteArrayLiteral("/lease-test"));
    EtcdNodeWriter writer(&gateway, keys);
    QStringList written;
    QObject::connect(&writer, &EtcdNodeWriter::written,
                     [&](const QString &address) { written.append(address); });

    const QString address = u"http://127.0.0.1:9"_s;
    writer.publish(entryAt(address, 1), 2);
    writer.publish(entryAt(address, 2), 2); // coalesced behind the first write
    ASSERT_TRUE(
        test::waitUntil([&] { return !written.isEmpty() && !writer.isBusy(address); }, kHealthyMs));
    writer.publish(entryAt(address, 3), 2);
    ASSERT_TRUE(test::waitUntil([&] { return written.size() >= 2 && !writer.isBusy(address); },
                                kHealthyMs));
    EXPECT_EQ(writer.grants(), 1);
    auto stored = nodes(gateway, keys);
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(keys.apiAddressOf(stored[0].key), address);
    EXPECT_TRUE(stored[0].value.contains("\"pid\":3"));
    EXPECT_NE(stored[0].lease, 0);

    // Silent past the TTL: etcd deletes the key with the lease; the next publish re-grants.
    ASSERT_TRUE(test::waitUntil([&] { return nodes(gateway, keys).isEmpty(); }, kHealthyMs));
    writer.publish(entryAt(address, 4), 2);
    ASSERT_TRUE(test::waitUntil([&] { return written.size() >= 3; }, kHealthyMs));
    EXPECT_EQ(writer.grants(), 2);
    EXPECT_EQ(nodes(gateway, keys).size(), 1);
}
