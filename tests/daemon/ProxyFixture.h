#pragma once

// The fixture of the proxy tests: a raw-socket node stand-in (TestUpstream) behind the daemon's
// proxy pieces (ProxyRig), driven by a byte-level client.
#include "ProxyRig.h"
#include "RawHttpClient.h"
#include "TestUpstream.h"

#include <gtest/gtest.h>

namespace lmcf::test {

inline QUrl local(quint16 port) {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    return url;
}

class ProxyTest : public ::testing::Test {
protected:
    void start(ProxyRig::Options options = {}) {
        if (options.engine.connectTimeoutMs == 5000)
            options.engine.connectTimeoutMs = 500;
        rig = std::make_unique<ProxyRig>(options);
        rig->nodes.add(QStringLiteral("n1"), local(upstream.start()));
    }
    std::optional<RawResponse> request(const QByteArray &method, const QByteArray &target,
                                       const QByteArray &headers = {},
                                       const QByteArray &body = {}) {
        RawHttpClient client(rig->port());
        QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: daemon.example\r\n" + headers;
        if (!body.isEmpty())
            head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        client.send(head + "\r\n" + body);
        return client.readResponse(5000, method == "HEAD");
    }

    TestUpstream upstream;
    std::unique_ptr<ProxyRig> rig;
};

} // namespace lmcf::test
