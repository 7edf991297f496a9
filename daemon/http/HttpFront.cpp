#include "http/HttpFront.h"

#include "http/PendingReply.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QSslCertificate>
#include <QSslKey>

namespace lmcf {

HttpFront::HttpFront(ConnectionLimits limits, QObject *parent)
    : QObject(parent)
    , m_tcp(new LimitedTcpServer(limits, this)) {
    m_server.setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            PendingReply reply(std::move(responder), request);
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

Outcome<bool> HttpFront::useTls(const QString &certificatePath, const QString &keyPath) {
    using Result = Outcome<bool>;
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    if (chain.isEmpty())
        return Result::failure(
            QStringLiteral("--tls-cert: no PEM certificate in %1").arg(certificatePath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return Result::failure(
            QStringLiteral("--tls-key: cannot read %1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return Result::failure(
            QStringLiteral("--tls-key: no unencrypted RSA or EC PEM key in %1").arg(keyPath));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are checked by token
    m_tcp->setTls(configuration);
    return Result::success(true);
}

quint16 HttpFront::port() const {
    return m_tcp->serverPort();
}

} // namespace lmcf
