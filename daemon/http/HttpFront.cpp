#include "http/HttpFront.h"

#include "http/PendingReply.h"

#include <QHttpServerRequest>

namespace lmcf {

HttpFront::HttpFront(ConnectionLimits limits, QObject *parent)
    : QObject(parent)
    , m_tcp(new LimitedTcpServer(limits, this)) {
    m_server.setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            PendingReply reply(std::move(responder));
            reply.sendError(404, QStringLiteral("no such route: %1")
                                     .arg(request.url().path(QUrl::FullyEncoded).left(200)));
        });
}

HttpFront::~HttpFront() = default;

Outcome<quint16> HttpFront::listen(const QHostAddress &address, quint16 port) {
    if (!m_tcp->listen(address, port)) {
        return Outcome<quint16>::failure(QStringLiteral("cannot listen on %1:%2: %3")
                                             .arg(address.toString())
                                             .arg(port)
                                             .arg(m_tcp->errorString()));
    }
    m_server.bind(m_tcp);
    return Outcome<quint16>::success(m_tcp->serverPort());
}

quint16 HttpFront::port() const {
    return m_tcp->serverPort();
}

} // namespace lmcf
