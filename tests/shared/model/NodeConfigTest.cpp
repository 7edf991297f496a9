#include "model/NodeConfig.h"

#include "QtPrinters.h"
#include "TestData.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

TEST(NodeConfig, ParsesTheConfigTreeFixture) {
    const auto tree = NodeConfig::parseConfig(test::readData(u"config/tree.json"_s));
    ASSERT_TRUE(tree.ok()) << tree.error().toStdString();
    ASSERT_EQ(tree->proxies().size(), 3);
    const ProxyNode &head = tree->proxies().at(0);
    EXPECT_EQ(head.name, u"head"_s);
    ASSERT_EQ(head.nodes.size(), 3);
    EXPECT_EQ(head.nodes.at(0).address.port, 8085);
    EXPECT_EQ(head.nodes.at(0).proxyName, u"head"_s);
    EXPECT_EQ(tree->baseUrl(u"gpu-b"_s), u"http://[fd00::6]:8085"_s);
    EXPECT_EQ(tree->baseUrl(u"gpu-c"_s), u"https://gpu-c.example:443"_s);
    EXPECT_TRUE(tree->proxy(u"solo"_s)->isOwnLeaf());
    EXPECT_TRUE(tree->proxy(u"empty"_s)->nodes.isEmpty());
    EXPECT_EQ(tree->leaf(u"gpu-a"_s)->status.state, NodeState::Static);
}

TEST(NodeConfig, ConfigErrorsNameTheFieldAndIndex) {
    const struct {
        const char *json;
        QString error;
    } cases[] = {
        {R"([{"host":"h","port":1}])", u"[0].name: missing"_s},
        {R"([{"name":"p","host":"h","port":1,"nodes":[{"name":"a","host":"h","port":1},
            {"host":"h","port":1}]}])",
         u"[0].nodes[1].name: missing"_s},
        {R"([{"name":"p","host":"h","port":1},{"name":"q","host":"h","port":1},
            {"name":"r","host":"h","port":"abc"}])",
         u"[2].port: must be an integer 1..65535, got \"abc\""_s},
        {R"([{"name":"p","host":"h","port":1,"nodes":[{"name":"a","host":"h","port":70000}]}])",
         u"[0].nodes[0].port: must be an integer 1..65535, got 70000"_s},
        {R"([{"name":"p","host":"h","port":1,"nodes":[{"name":"a","host":"h","port":1}]},
            {"name":"q","host":"h","port":1,"nodes":[{"name":"a","host":"h","port":1}]}])",
         u"[1].nodes[0].name: duplicate name \"a\" (also at [0].nodes[0].name)"_s},
        {R"([{"name":"p","host":"h","port":1},{"name":"p","host":"h","port":2}])",
         u"[1].name: duplicate name \"p\" (also at [0].name)"_s},
        {R"([{"name":7,"host":"h","port":1}])", u"[0].name: must be a string"_s},
        {R"([{"name":"p","host":"h","port":1,"nodes":{}}])", u"[0].nodes: must be an array"_s},
        {R"([3])", u"[0]: must be an object with name, host and port"_s},
        {R"({"name":"p"})",
         u"must be a JSON array of proxies [{\"name\",\"host\",\"port\",\"nodes\":[...]}]"_s},
    };
    for (const auto &c : cases) {
        const auto tree = NodeConfig::parseConfig(QByteArray(c.json));
        ASSERT_FALSE(tree.ok()) << c.json;
        EXPECT_EQ(tree.error(), c.error) << c.json;
    }
}

TEST(NodeConfig, ConfigRefusesUnsafeNamesAndHosts) {
    const auto slash = NodeConfig::parseConfig(R"([{"name":"a/b","host":"h","port":1}])");
    ASSERT_FALSE(slash.ok());
    EXPECT_TRUE(slash.error().startsWith(u"[0].name: \"a/b\" contains '/'"_s))
        << slash.error().toStdString();
    EXPECT_TRUE(slash.error().contains(u"URL path segment"_s));
    const auto host = NodeConfig::parseConfig(R"([{"name":"a","host":"h/x","port":1}])");
    ASSERT_FALSE(host.ok());
    EXPECT_TRUE(host.error().startsWith(u"[0].host: "_s)) << host.error().toStdString();
    const auto json = NodeConfig::parseConfig("[{");
    ASSERT_FALSE(json.ok());
    EXPECT_TRUE(json.error().startsWith(u"not valid JSON at offset"_s));
}

TEST(NodeConfig, NodesGoUnderLocalProxy) {
    const NodeAddress self = NodeAddress::parse(u"0.0.0.0"_s, 8000).value();
    const auto tree = NodeConfig::parseNodes(test::readData(u"config/nodes-inline.json"_s), self);
    ASSERT_TRUE(tree.ok()) << tree.error().toStdString();
    ASSERT_EQ(tree->proxies().size(), 1);
    const ProxyNode &proxy = tree->proxies().front();
    EXPECT_EQ(proxy.name, u"local_proxy"_s);
    EXPECT_EQ(proxy.address, self);
    ASSERT_EQ(proxy.nodes.size(), 2);
    EXPECT_EQ(proxy.nodes.at(0).address.port, 8085);
    EXPECT_EQ(proxy.nodes.at(1).proxyName, u"local_proxy"_s);
}

TEST(NodeConfig, NodesErrorsNameTheFieldAndIndex) {
    const NodeAddress self = NodeAddress::parse(u"127.0.0.1"_s, 8000).value();
    const struct {
        const char *json;
        QString error;
    } cases[] = {
        {R"([{"name":"a","host":"h","port":1},{"name":"b","host":"h","port":2},
            {"name":"c","host":"h","port":"abc"}])",
         u"nodes[2].port: must be an integer 1..65535, got \"abc\""_s},
        {R"([{"name":"a","host":"h","port":1},{"name":"a","host":"h","port":2}])",
         u"nodes[1].name: duplicate name \"a\" (also at nodes[0].name)"_s},
        {R"([{"name":"a","port":1}])", u"nodes[0].host: missing"_s},
        {R"({})", u"nodes: must be a JSON array of nodes [{\"name\",\"host\",\"port\"}]"_s},
    };
    for (const auto &c : cases) {
        const auto tree = NodeConfig::parseNodes(QByteArray(c.json), self);
        ASSERT_FALSE(tree.ok()) << c.json;
        EXPECT_EQ(tree.error(), c.error) << c.json;
    }
    const auto reserved =
        NodeConfig::parseNodes(R"([{"name":"local_proxy","host":"h","port":1}])", self);
    ASSERT_FALSE(reserved.ok());
    EXPECT_TRUE(reserved.error().contains(u"duplicate name \"local_proxy\""_s));
}

TEST(NodeConfig, ReadsFilesAndNamesThePathOnError) {
    const auto tree = NodeConfig::readConfigFile(test::dataPath(u"config/tree.json"_s));
    EXPECT_TRUE(tree.ok());
    const auto missing = NodeConfig::readConfigFile(u"/nonexistent/x.json"_s);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().startsWith(u"/nonexistent/x.json: "_s));
}
