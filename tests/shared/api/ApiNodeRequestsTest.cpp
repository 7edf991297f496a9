#include "api/ApiNodeRequests.h"

#include "QtPrinters.h"
#include "api/ApiError.h"

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

TEST(ApiNodeRequests, AddProxyAndNodeRoundTrip) {
    const NodeAddress address = NodeAddress::parse(u"[::1]"_s, 8085).value();
    const QByteArray body = ApiNodeRequests::writeNode(u"n1"_s, address);
    const auto proxy = ApiNodeRequests::parseAddProxy(body);
    ASSERT_TRUE(proxy.ok()) << proxy.error().toStdString();
    EXPECT_EQ(proxy->name, u"n1"_s);
    EXPECT_EQ(proxy->address, address);
    EXPECT_TRUE(proxy->nodes.isEmpty());
    const auto leaf = ApiNodeRequests::parseAddNode(body, u"head"_s);
    ASSERT_TRUE(leaf.ok());
    EXPECT_EQ(leaf->proxyName, u"head"_s);
    EXPECT_EQ(leaf->address, address);
}

TEST(ApiNodeRequests, AddProxyAcceptsChildrenLikeTheOriginal) {
    const auto proxy = ApiNodeRequests::parseAddProxy(
        R"({"name":"p","host":"h","port":"1","nodes":[{"name":"p","host":"h","port":1},
            {"name":"q","host":"h","port":2}]})");
    ASSERT_TRUE(proxy.ok()) << proxy.error().toStdString();
    EXPECT_EQ(proxy->nodes.size(), 2);
    EXPECT_EQ(proxy->nodes.at(1).proxyName, u"p"_s);
}

TEST(ApiNodeRequests, ErrorsNameTheField) {
    const struct {
        const char *body;
        QString error;
    } cases[] = {
        {R"({"host":"h","port":1})", u"name: missing"_s},
        {R"({"name":"a","host":"h","port":"abc"})",
         u"port: must be an integer 1..65535, got \"abc\""_s},
        {R"({"name":"a","host":"h","port":1,"nodes":[{"name":"b","host":"h"}]})",
         u"nodes[0].port: missing"_s},
        {R"({"name":"a","host":"h","port":1,"nodes":[{"name":"b","host":"h","port":1},
            {"name":"b","host":"h","port":2}]})",
         u"nodes[1].name: duplicate name \"b\""_s},
        {R"([1])", u"body: must be a JSON object"_s},
    };
    for (const auto &c : cases) {
        const auto proxy = ApiNodeRequests::parseAddProxy(QByteArray(c.body));
        ASSERT_FALSE(proxy.ok()) << c.body;
        EXPECT_EQ(proxy.error(), c.error) << c.body;
    }
    EXPECT_TRUE(
        ApiNodeRequests::parseAddNode("{", u"p"_s).error().startsWith(u"body: not valid"_s));
}

TEST(ApiNodeRequests, UpdateIsPartial) {
    NodePatch patch;
    patch.port = 9000;
    const auto portOnly = ApiNodeRequests::parseUpdate(ApiNodeRequests::writeUpdate(patch));
    ASSERT_TRUE(portOnly.ok());
    EXPECT_FALSE(portOnly->name.has_value());
    EXPECT_FALSE(portOnly->host.has_value());
    EXPECT_EQ(portOnly->port, 9000);

    const auto full = ApiNodeRequests::parseUpdate(
        R"({"name":"b","host":"https://h2","port":"8086","proxy_id":"x"})");
    ASSERT_TRUE(full.ok()) << full.error().toStdString();
    const NodeAddress moved = full->applied(NodeAddress::parse(u"h"_s, 1).value());
    EXPECT_EQ(moved.baseUrl(), u"https://h2:8086"_s);
    EXPECT_EQ(ApiNodeRequests::parseUpdate(ApiNodeRequests::writeUpdate(full.value()))->host,
              full->host);

    EXPECT_EQ(ApiNodeRequests::parseUpdate("{}").error(),
              u"body: give at least one of name, host, port"_s);
    EXPECT_TRUE(ApiNodeRequests::parseUpdate(R"({"name":"a/b"})").error().startsWith(u"name: "_s));
    EXPECT_EQ(ApiNodeRequests::parseUpdate(R"({"name":3})").error(), u"name: must be a string"_s);
    EXPECT_TRUE(ApiNodeRequests::parseUpdate(R"({"host":"h/x"})").error().startsWith(u"host: "_s));
}

TEST(ApiError, WritesAndReadsDetail) {
    EXPECT_EQ(ApiError::write(u"Proxy not found"_s), QByteArray(R"({"detail":"Proxy not found"})"));
    EXPECT_EQ(ApiError::read(ApiError::write(u"x \"y\""_s)), u"x \"y\""_s);
    EXPECT_EQ(ApiError::read(R"({"detail":[{"loc":["body"]}]})"), u"[{\"loc\":[\"body\"]}]"_s);
    EXPECT_EQ(ApiError::read("  <html>Bad Gateway</html>\n"), u"<html>Bad Gateway</html>"_s);
}
