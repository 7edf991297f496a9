#include "api/ApiNodeJson.h"

#include "QtPrinters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

NodeAddress at(const QString &host, int port) {
    return NodeAddress::parse(host, port).value();
}

NodeTree fleet() {
    const QDateTime seen = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
    ProxyNode head{u"head"_s, at(u"10.0.0.1"_s, 8000), {}, {}};
    head.nodes.append(
        LeafNode{u"gpu-a"_s, at(u"10.0.0.5"_s, 8085), u"head"_s, false, {NodeState::Down, {}, {}}});
    head.nodes.append(LeafNode{
        u"inst_worker0"_s, at(u"127.0.0.1"_s, 6001), u"head"_s, true, {NodeState::Static, {}, {}}});
    const NodeStatus alive{NodeState::Alive, u"0.3.9"_s, seen};
    const NodeAddress v6 = at(u"https://[fd00::5]"_s, 8085);
    ProxyNode solo{u"proxy_fd00__5_8085"_s, v6, {}, alive};
    solo.nodes.append(LeafNode{solo.name, v6, solo.name, false, alive});
    return NodeTree({head, solo});
}

} // namespace

TEST(ApiNodeJson, NodesHaveTheOriginalFieldsPlusOurs) {
    const QJsonObject root = QJsonDocument::fromJson(ApiNodeJson::writeNodes(fleet(), 17)).object();
    EXPECT_EQ(root.value(u"index"_s).toInteger(), 17);
    const QJsonObject head = root.value(u"nodes"_s).toArray().at(0).toObject();
    EXPECT_EQ(head.value(u"id"_s).toString(), u"proxy_head"_s);
    EXPECT_EQ(head.value(u"name"_s).toString(), u"head"_s);
    EXPECT_EQ(head.value(u"host"_s).toString(), u"10.0.0.1"_s);
    EXPECT_EQ(head.value(u"port"_s).toInt(), 8000);
    EXPECT_EQ(head.value(u"is_proxy"_s), QJsonValue(true));
    EXPECT_EQ(head.value(u"state"_s).toString(), u"static"_s);
    EXPECT_TRUE(head.value(u"last_heartbeat"_s).isNull());
    const QJsonObject child = head.value(u"children"_s).toArray().at(1).toObject();
    EXPECT_EQ(child.value(u"id"_s).toString(), u"node_inst_worker0"_s);
    EXPECT_EQ(child.value(u"is_proxy"_s), QJsonValue(false));
    EXPECT_EQ(child.value(u"proxy_id"_s).toString(), u"head"_s);
    EXPECT_EQ(child.value(u"url"_s).toString(), u"http://10.0.0.1:8000/proxy2/inst_worker0"_s);
    const QJsonObject solo = root.value(u"nodes"_s).toArray().at(1).toObject();
    EXPECT_EQ(solo.value(u"host"_s).toString(), u"https://[fd00::5]"_s);
    EXPECT_EQ(solo.value(u"url"_s).toString(), u"https://[fd00::5]:8085"_s);
    EXPECT_EQ(solo.value(u"last_heartbeat"_s).toString(), u"2023-11-14T22:13:20.123Z"_s);
    EXPECT_EQ(solo.value(u"version"_s).toString(), u"0.3.9"_s);
}

TEST(ApiNodeJson, NodesRoundTrip) {
    const auto back = ApiNodeJson::readNodes(ApiNodeJson::writeNodes(fleet(), 17));
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back->index, 17u);
    EXPECT_EQ(back->tree, fleet());
}

TEST(ApiNodeJson, ProxiesAndProxyNodesRoundTrip) {
    const NodeTree tree = fleet();
    const auto proxies = ApiNodeJson::readProxies(ApiNodeJson::writeProxies(tree, 3));
    ASSERT_TRUE(proxies.ok()) << proxies.error().toStdString();
    ASSERT_EQ(proxies->tree.proxies().size(), 2);
    EXPECT_EQ(proxies->index, 3u);
    EXPECT_EQ(proxies->tree.proxies().at(1).address, tree.proxies().at(1).address);
    EXPECT_TRUE(proxies->tree.proxies().at(0).nodes.isEmpty());

    const auto leaves =
        ApiNodeJson::readProxyNodes(ApiNodeJson::writeProxyNodes(tree.proxies().at(0), 3));
    ASSERT_TRUE(leaves.ok()) << leaves.error().toStdString();
    EXPECT_EQ(leaves.value(), tree.proxies().at(0).nodes);
}

TEST(ApiNodeJson, ReadsTheOriginalDashboardsAnswer) {
    const QByteArray original = R"({"nodes":[{"id":"proxy_local_proxy","name":"local_proxy",
        "host":"0.0.0.0","port":8000,"is_proxy":true,"children":[{"id":"node_n1","name":"n1",
        "host":"127.0.0.1","port":"8085","is_proxy":false,"proxy_id":"local_proxy"}]}]})";
    const auto list = ApiNodeJson::readNodes(original);
    ASSERT_TRUE(list.ok()) << list.error().toStdString();
    EXPECT_EQ(list->index, 0u);
    EXPECT_EQ(list->tree.baseUrl(u"n1"_s), u"http://127.0.0.1:8085"_s);
    EXPECT_EQ(list->tree.leaf(u"n1"_s)->status.state, NodeState::Static);
}

TEST(ApiNodeJson, ReaderErrorsNameTheField) {
    const struct {
        const char *json;
        QString error;
    } cases[] = {
        {R"({"nodes":[{"name":"p","host":"h","port":1,"children":[{"name":"a","host":"h",
            "port":1},{"name":"b","host":"h","port":"x"}]}]})",
         u"nodes[0].children[1].port: must be an integer 1..65535, got \"x\""_s},
        {R"({"nodes":[{"name":"p","host":"h","port":1,"state":"zombie"}]})",
         u"nodes[0].state: must be static, alive, suspect or down"_s},
        {R"({"nodes":[{"name":"p","host":"h","port":1,"children":3}]})",
         u"nodes[0].children: must be an array"_s},
        {R"({"proxies":[]})", u"must be a JSON object with a \"nodes\" array"_s},
    };
    for (const auto &c : cases) {
        const auto list = ApiNodeJson::readNodes(QByteArray(c.json));
        ASSERT_FALSE(list.ok()) << c.json;
        EXPECT_EQ(list.error(), c.error) << c.json;
    }
    EXPECT_FALSE(ApiNodeJson::readNodes("nope").ok());
}
