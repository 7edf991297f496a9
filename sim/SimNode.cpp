#include "SimNode.h"

#include "AgentLauncher.h"
#include "http/HttpFront.h"
#include "http/PendingReply.h"

#include <QHttpServerRequest>
#include <QTimer>

namespace lmcf {

namespace {

QByteArray methodName(QHttpServerRequest::Method method) {
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

} // namespace

SimNode::SimNode(SimNodeSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_workload(m_settings.seed)
    , m_faults(m_settings.faults, m_settings.seed)
    , m_api(m_settings.identity, m_settings.generation, m_settings.families, &m_workload, &m_faults,
            [this] { return elapsedMs(); })
    , m_availability(new QTimer(this)) {
    m_availability->setSingleShot(true);
    connect(m_availability, &QTimer::timeout, this, &SimNode::applyAvailability);
}

SimNode::~SimNode() {
    stop();
}

qint64 SimNode::elapsedMs() const {
    return m_settings.clockMs ? m_settings.clockMs() : m_started.elapsed();
}

QUrl SimNode::url() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_settings.identity.host);
    url.setPort(m_port);
    return url;
}

Outcome<quint16> SimNode::start() {
    m_started.start();
    const auto port = listen(m_settings.identity.port);
    if (!port)
        return port;
    m_port = port.value();
    m_api.setPort(m_port);
    if (!m_settings.heartbeatUrl.isEmpty()) {
        m_agent = new AgentLauncher(m_settings.agentPath, this);
        NodeIdentity identity = m_settings.identity;
        identity.port = m_port;
        if (!m_agent->start(identity, m_settings.heartbeatUrl, m_settings.heartbeatIntervalS))
            return Outcome<quint16>::failure(m_agent->errorText());
    }
    scheduleAvailability();
    return port;
}

void SimNode::stop() {
    m_dead = true;
    m_availability->stop();
    if (m_agent)
        m_agent->stop();
    if (m_front) {
        m_front.reset();
        Q_EMIT listeningChanged(false);
    }
}

Outcome<quint16> SimNode::listen(quint16 port) {
    auto front = std::make_unique<HttpFront>();
    // Every path goes through NodeApi; HttpFront's default 404 is replaced by its dispatch.
    front->server().setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            serve(request, std::move(responder));
        });
    const QHostAddress address(m_settings.identity.host);
    const auto result =
        front->listen(address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address, port);
    if (result)
        m_front = std::move(front);
    return result;
}

void SimNode::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder) {
    const SimReply reply =
        m_api.respond(methodName(request.method()), request.url().path(), QUrlQuery(request.url()));
    const int slowMs = m_faults.settings().slowMs;
    if (slowMs <= 0) {
        PendingReply(std::move(responder)).send(reply.status, reply.body, reply.contentType);
        return;
    }
    auto pending = PendingReply::make(std::move(responder));
    QTimer::singleShot(slowMs, this, [pending, reply] {
        pending->send(reply.status, reply.body, reply.contentType);
    });
}

void SimNode::scheduleAvailability() {
    const double now = double(elapsedMs()) / 1000.0;
    const double next = m_faults.nextChangeAfter(now);
    if (next >= 0)
        m_availability->start(int(qMax(1.0, (next - now) * 1000.0 + 1.0)));
}

void SimNode::applyAvailability() {
    if (m_dead)
        return;
    const auto availability = m_faults.availabilityAt(double(elapsedMs()) / 1000.0);
    if (availability == FaultPlan::Availability::Dead) {
        stop();
        return;
    }
    const bool up = availability == FaultPlan::Availability::Up;
    if (!up && m_front) {
        m_front.reset();
        Q_EMIT listeningChanged(false);
    } else if (up && !m_front) {
        if (listen(m_port))
            Q_EMIT listeningChanged(true);
        else
            m_availability->start(200); // the port is busy for a moment: try again soon
    }
    if (!m_availability->isActive())
        scheduleAvailability();
}

} // namespace lmcf
