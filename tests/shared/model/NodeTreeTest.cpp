#include "model/NodeTree.h"

#include "QtPrinters.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

NodeAddress at(const QString &host, int port) {
    return NodeAddress::parse(host, port).value();
}

LeafNode leaf(const QString &name, const NodeAddress &address, const QString &proxy = {}) {
    return LeafNode{name, address, proxy, false, {}};
}

ProxyNode ownLeaf(const QString &name, const NodeAddress &address) {
    return ProxyNode{name, address, {leaf(name, address, name)}, {}};
}

NodeTree sample() {
    ProxyNode head{u"head"_s, at(u"10.0.0.1"_s, 8000), {}, {}};
    head.nodes.append(leaf(u"a"_s, at(u"10.0.0.5"_s, 8085), u"head"_s));
    LeafNode hidden = leaf(u"inst_worker0"_s, at(u"127.0.0.1"_s, 6001), u"head"_s);
    hidden.viaProxy = true;
    head.nodes.append(hidden);
    return NodeTree({head, ownLeaf(u"solo"_s, at(u"[::1]"_s, 9000))});
}

} // namespace

TEST(NodeTree, LooksUpProxiesAndLeavesByName) {
    const NodeTree tree = sample();
    ASSERT_NE(tree.proxy(u"head"_s), nullptr);
    EXPECT_EQ(tree.proxy(u"a"_s), nullptr);
    ASSERT_NE(tree.leaf(u"a"_s), nullptr);
    EXPECT_EQ(tree.leaf(u"a"_s)->proxyName, u"head"_s);
    EXPECT_TRUE(tree.contains(u"solo"_s));
    EXPECT_FALSE(tree.contains(u"nope"_s));
    EXPECT_TRUE(tree.proxy(u"solo"_s)->isOwnLeaf());
    EXPECT_FALSE(tree.proxy(u"head"_s)->isOwnLeaf());

    QStringList names;
    for (const LeafNode &l : tree.leaves())
        names.append(l.name);
    EXPECT_EQ(names, (QStringList{u"a"_s, u"inst_worker0"_s, u"solo"_s}));
}

TEST(NodeTree, BaseUrlsIncludingIpv6AndViaProxy) {
    const NodeTree tree = sample();
    EXPECT_EQ(tree.baseUrl(u"head"_s), u"http://10.0.0.1:8000"_s);
    EXPECT_EQ(tree.baseUrl(u"a"_s), u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(tree.baseUrl(u"solo"_s), u"http://[::1]:9000"_s);
    EXPECT_EQ(tree.baseUrl(u"inst_worker0"_s), u"http://10.0.0.1:8000/proxy2/inst_worker0"_s);
    EXPECT_FALSE(tree.baseUrl(u"nope"_s).has_value());
}

TEST(NodeTree, MergeKeepsTheFirstSourceOnNameClashes) {
    const NodeTree supplier({ownLeaf(u"x"_s, at(u"10.0.0.9"_s, 1))});
    ProxyNode local{u"local_proxy"_s, at(u"127.0.0.1"_s, 8000), {}, {}};
    local.nodes = {leaf(u"x"_s, at(u"10.9.9.9"_s, 2), u"local_proxy"_s),
                   leaf(u"y"_s, at(u"10.0.0.8"_s, 3), u"local_proxy"_s)};
    const NodeTree nodes({local});
    const NodeTree config(
        {ownLeaf(u"local_proxy"_s, at(u"h"_s, 4)), ownLeaf(u"z"_s, at(u"h"_s, 5))});
    QStringList dropped;
    const NodeTree merged = NodeTree::merged({supplier, nodes, config}, &dropped);
    ASSERT_EQ(merged.proxies().size(), 3);
    EXPECT_EQ(merged.baseUrl(u"x"_s), u"http://10.0.0.9:1"_s);
    EXPECT_EQ(merged.proxy(u"local_proxy"_s)->nodes.size(), 1);
    EXPECT_EQ(merged.proxy(u"local_proxy"_s)->address.port, 8000);
    EXPECT_TRUE(merged.contains(u"z"_s));
    EXPECT_EQ(dropped.size(), 2) << dropped.join(u"; "_s).toStdString();
}

TEST(NodeTree, EditsMapToNotFoundAndNameTaken) {
    NodeTree tree = sample();
    EXPECT_EQ(tree.addProxy(ownLeaf(u"a"_s, at(u"h"_s, 1))), NodeTree::Edit::NameTaken);
    EXPECT_EQ(tree.addProxy(ownLeaf(u"new"_s, at(u"h"_s, 1))), NodeTree::Edit::Done);
    EXPECT_EQ(tree.addLeaf(u"missing"_s, leaf(u"b"_s, at(u"h"_s, 2))), NodeTree::Edit::NotFound);
    EXPECT_EQ(tree.addLeaf(u"head"_s, leaf(u"solo"_s, at(u"h"_s, 2))), NodeTree::Edit::NameTaken);
    EXPECT_EQ(tree.addLeaf(u"head"_s, leaf(u"b"_s, at(u"h"_s, 2))), NodeTree::Edit::Done);
    EXPECT_EQ(tree.leaf(u"b"_s)->proxyName, u"head"_s);

    NodePatch rename;
    rename.name = u"a"_s;
    EXPECT_EQ(tree.update(u"b"_s, rename), NodeTree::Edit::NameTaken);
    EXPECT_EQ(tree.update(u"zz"_s, rename), NodeTree::Edit::NotFound);
    NodePatch move;
    move.port = 9999;
    EXPECT_EQ(tree.update(u"b"_s, move), NodeTree::Edit::Done);
    EXPECT_EQ(tree.leaf(u"b"_s)->address.port, 9999);

    // Renaming an own-leaf proxy renames its leaf too and keeps addresses in step.
    NodePatch soloPatch;
    soloPatch.name = u"solo2"_s;
    soloPatch.host = at(u"https://s"_s, 1);
    EXPECT_EQ(tree.update(u"solo"_s, soloPatch), NodeTree::Edit::Done);
    ASSERT_NE(tree.proxy(u"solo2"_s), nullptr);
    EXPECT_TRUE(tree.proxy(u"solo2"_s)->isOwnLeaf());
    EXPECT_EQ(tree.baseUrl(u"solo2"_s), u"https://s:9000"_s);

    EXPECT_EQ(tree.remove(u"a"_s), NodeTree::Edit::Done);
    EXPECT_EQ(tree.remove(u"head"_s), NodeTree::Edit::Done);
    EXPECT_FALSE(tree.contains(u"b"_s));
    EXPECT_EQ(tree.remove(u"head"_s), NodeTree::Edit::NotFound);
}

TEST(NodeTree, SetStatusReachesProxyAndItsOwnLeaf) {
    NodeTree tree = sample();
    const NodeStatus status{NodeState::Down, u"1.0"_s, {}};
    EXPECT_TRUE(tree.setStatus(u"solo"_s, status));
    EXPECT_EQ(tree.proxy(u"solo"_s)->status, status);
    EXPECT_EQ(tree.leaf(u"solo"_s)->status, status);
    EXPECT_FALSE(tree.setStatus(u"nope"_s, status));
}
