#include "api/ServiceDiscoveryJson.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

TEST(ServiceDiscoveryJson, OneGroupPerLeaf) {
    const NodeAddress head = NodeAddress::parse(u"https://head"_s, 8000).value();
    const NodeAddress v6 = NodeAddress::parse(u"[fd00::5]"_s, 8085).value();
    ProxyNode proxy{u"head"_s, head, {}, {}};
    proxy.nodes.append(LeafNode{u"a"_s, v6, u"head"_s, false, {NodeState::Alive, u"0.3.9"_s, {}}});
    proxy.nodes.append(
        LeafNode{u"w0"_s, NodeAddress::parse(u"127.0.0.1"_s, 6001).value(), u"head"_s, true, {}});
    const QByteArray json = ServiceDiscoveryJson::write(NodeTree({proxy}));
    EXPECT_EQ(json, QByteArray(R"([{"labels":{"__scheme__":"http","node":"a","proxy":"head",)"
                               R"("state":"alive","version":"0.3.9"},"targets":)"
                               R"(["[fd00::5]:8085"]},{"labels":{"__metrics_path__":)"
                               R"("/proxy2/w0/metrics","__scheme__":"https","node":"w0",)"
                               R"("proxy":"head","state":"static"},"targets":["head:8000"]}])"));
    const auto back = ServiceDiscoveryJson::read(json);
    ASSERT_TRUE(back.ok()) << back.error().toStdString();
    EXPECT_EQ(back.value(), ServiceDiscoveryJson::groups(NodeTree({proxy})));
    EXPECT_EQ(ServiceDiscoveryJson::write(NodeTree()), QByteArray("[]"));
}

TEST(ServiceDiscoveryJson, ReaderNamesTheBadGroup) {
    EXPECT_FALSE(ServiceDiscoveryJson::read("{}").ok());
    EXPECT_EQ(ServiceDiscoveryJson::read(R"([{"targets":["a:1"]},{"targets":[1]}])").error(),
              u"[1].targets: must be an array of strings"_s);
    EXPECT_EQ(ServiceDiscoveryJson::read(R"([{"targets":[],"labels":{"x":1}}])").error(),
              u"[0].labels.x: must be a string"_s);
}
