#include "discovery/SupplierConversion.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "discovery/InfosDocument.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

InfosEntry at(const QString &address) {
    InfosEntry e;
    e.apiAddress = address;
    e.version = u"0.3.9"_s;
    e.lastReportTime = InfosDocument::parseTime(u"2026-11-20 10:05:00"_s);
    return e;
}

} // namespace

TEST(SupplierConversion, NamesProxiesLikeTheOriginal) {
    EXPECT_EQ(SupplierConversion::proxyName(NodeAddress::parse(u"10.0.0.5"_s, 8085).value()),
              u"proxy_10.0.0.5_8085"_s);
    EXPECT_EQ(SupplierConversion::proxyName(NodeAddress::parse(u"[fd00::5]"_s, 8085).value()),
              u"proxy_fd00__5_8085"_s);
}

TEST(SupplierConversion, EachAddressIsItsOwnLeaf) {
    const auto entries = InfosDocument::read(test::readData(u"infos/original-flask.json"_s));
    ASSERT_TRUE(entries.ok());
    const NodeTree tree = SupplierConversion::toTree(entries.value());
    ASSERT_EQ(tree.proxies().size(), 3);
    const ProxyNode *proxy = tree.proxy(u"proxy_10.0.0.5_8085"_s);
    ASSERT_NE(proxy, nullptr);
    EXPECT_TRUE(proxy->isOwnLeaf());
    EXPECT_EQ(proxy->status.state, NodeState::Alive);
    EXPECT_EQ(proxy->nodes.front().status.version, u"0.3.9-abc1234"_s);
    EXPECT_EQ(tree.baseUrl(u"proxy_fd00__7_8085"_s), u"http://[fd00::7]:8085"_s);
}

TEST(SupplierConversion, DeduplicatesHostPortAndSkipsBadAddresses) {
    QStringList skipped;
    const NodeTree tree = SupplierConversion::toTree(
        {at(u"http://h:1"_s), at(u"https://h:1"_s), at(u"not a url"_s), at(u"https://s:2"_s)}, {},
        &skipped);
    ASSERT_EQ(tree.proxies().size(), 2);
    EXPECT_EQ(tree.proxies().at(0).address.scheme, u"http"_s);
    EXPECT_EQ(tree.baseUrl(u"proxy_s_2"_s), u"https://s:2"_s);
    EXPECT_EQ(skipped.size(), 1);
}

TEST(SupplierConversion, FrontendOfFrontendsUsesProbedChildren) {
    // What another dashboard (a vLLM node-local proxy) answers on /api/nodes.
    const QByteArray apiNodes = R"({"nodes":[
        {"id":"proxy_local_proxy","name":"local_proxy","host":"0.0.0.0","port":8000,
         "is_proxy":true,"children":[
           {"id":"node_inst_scheduler","name":"inst_scheduler","host":"127.0.0.1","port":"6999",
            "is_proxy":false,"proxy_id":"local_proxy"},
           {"id":"node_inst_worker0","name":"inst_worker0","host":"localhost",
            "port":"/tmp/lmcache_internal_api_server/socket_7000","is_proxy":false},
           {"name":"bad/name","host":"h","port":1},
           {"name":"inst_scheduler","host":"h","port":2}]},
        {"id":"proxy_lonely","name":"lonely","host":"10.1.1.1","port":8085,"is_proxy":true}]})";
    const NodeAddress remote = NodeAddress::fromApiAddress(u"http://10.0.0.5:8000"_s).value();
    QStringList skipped;
    const auto children = SupplierConversion::childrenFromApiNodes(
        apiNodes, u"proxy_10.0.0.5_8000"_s, remote, &skipped);
    ASSERT_TRUE(children.ok()) << children.error().toStdString();
    ASSERT_EQ(children->size(), 3);
    EXPECT_EQ(skipped.size(), 1);
    EXPECT_EQ(children->at(0).address.port, 6999);
    EXPECT_EQ(children->at(1).address, remote); // a socket path: reached via the proxy anyway
    EXPECT_EQ(children->at(2).name, u"lonely"_s);

    const NodeTree tree =
        SupplierConversion::toTree({at(u"http://10.0.0.5:8000"_s), at(u"http://10.0.0.6:8085"_s)},
                                   {{remote.baseUrl(), children.value()}});
    const ProxyNode *proxy = tree.proxy(u"proxy_10.0.0.5_8000"_s);
    ASSERT_NE(proxy, nullptr);
    EXPECT_EQ(proxy->nodes.size(), 3);
    EXPECT_FALSE(proxy->isOwnLeaf());
    EXPECT_EQ(tree.baseUrl(u"inst_worker0"_s), u"http://10.0.0.5:8000/proxy2/inst_worker0"_s);
    EXPECT_TRUE(tree.proxy(u"proxy_10.0.0.6_8085"_s)->isOwnLeaf());

    EXPECT_FALSE(SupplierConversion::childrenFromApiNodes("<html>", u"p"_s, remote).ok());
    EXPECT_TRUE(
        SupplierConversion::childrenFromApiNodes(R"({"nodes":[]})", u"p"_s, remote)->isEmpty());
}
