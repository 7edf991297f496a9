#include "DaemonApp.h"

#include "auth/AuditLog.h"
#include "auth/Authorizer.h"
#include "auth/UpstreamToken.h"
#include "history/HistoryStore.h"
#include "http/HttpFront.h"
#include "proxy/ProxyEngine.h"
#include "registry/EtcdRegistryMirror.h"
#include "registry/NodeCatalog.h"
#include "registry/NodeRegistry.h"
#include "registry/RegistryService.h"
#include "routes/HealthController.h"
#include "routes/MetricsController.h"
#include "routes/ProxyController.h"
#include "routes/QueryRangeController.h"
#include "scrape/FleetScraper.h"
#include "scrape/HistoryRecorder.h"
#include "stats/DaemonStats.h"

#include <cmath>

namespace lmcf {

namespace {
// The catalog's leaves, scraped at `<base URL>/metrics` (a dashboard's child through it, with
// the upstream token; a plain node never sees it).
QList<ScrapeTarget> catalogTargets(const NodeCatalog &catalog, const QByteArray &authorization) {
    QList<ScrapeTarget> targets;
    for (const auto &[name, base] : catalog.leafBaseUrls()) {
        QUrl url = base;
        url.setPath(base.path() + QStringLiteral("/metrics"));
        const QString dashboard = catalog.dashboardOf(name);
        targets.append({name, url, dashboard, dashboard.isEmpty() ? QByteArray() : authorization});
    }
    return targets;
}

ScrapeLimits scrapeLimits(const DaemonOptions &options) {
    ScrapeLimits limits;
    limits.timeoutMs = int(options.scrapeTimeoutS * 1000);
    limits.maxInFlight = 256;
    // A round ends by the timeout (plus a little for the last replies) however many nodes.
    limits.roundDeadlineMs = limits.timeoutMs + 100;
    return limits;
}
} // namespace

DaemonApp::DaemonApp(DaemonOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    ConnectionLimits limits;
    limits.maxConnections = m_options.maxConnections;
    limits.idleTimeoutMs = int(m_options.idleTimeoutS * 1000);
    limits.maxBodyBytes = m_options.maxBodyBytes;
    m_front = std::make_unique<HttpFront>(limits);
    setUpSecurity();
    m_health = std::make_unique<HealthController>();
    m_health->registerRoutes(m_front->server(), *m_authorizer);
    setUpRegistry();
    m_health->setRegistryHealth([this] { return m_registry->sharedRegistryHealth(); });
    setUpProxy();

    m_stats = std::make_unique<DaemonStats>();
    m_scrapeClient = std::make_unique<HttpClient>();
    m_scraper = std::make_unique<FleetScraper>(*m_scrapeClient, scrapeLimits(m_options));
    connect(m_scraper.get(), &FleetScraper::roundFinished, m_stats.get(),
            &DaemonStats::countScrapeRound);
    const int rounds = int(std::ceil(m_options.historyS / m_options.scrapeIntervalS));
    m_history = std::make_unique<HistoryStore>(std::max(2, rounds));
    m_stats->setHistory(m_history.get());
    m_recorder = std::make_unique<HistoryRecorder>(*m_scraper, *m_history,
                                                   int(m_options.scrapeIntervalS * 1000));
    m_metrics = std::make_unique<MetricsController>(*m_scraper, *m_stats);
    m_metrics->registerRoutes(m_front->server(), *m_authorizer);
    m_queryRange = std::make_unique<QueryRangeController>(*m_history, *m_stats);
    m_queryRange->registerRoutes(m_front->server(), *m_authorizer);

    setScrapeTargets(
        [this] { return catalogTargets(m_registry->catalog(), m_upstreamAuthorization); });
    connect(&m_registry->catalog(), &NodeCatalog::changed, m_scraper.get(),
            [this] { m_scraper->forgetCachedRound(); });
    // Nodes the last round could not reach are shown down (a killed vLLM worker behind its
    // node's proxy answers 502 there).
    connect(m_scraper.get(), &FleetScraper::roundFinished, this, [this] {
        QSet<QString> unreachable;
        if (const auto round = m_scraper->latest()) {
            for (const ScrapeOutcome &outcome : round->outcomes) {
                if (!outcome.result.ok())
                    unreachable.insert(outcome.node);
            }
        }
        m_registry->catalog().setUnreachable(unreachable);
    });
    m_stats->setRegistrySize([this] { return qint64(m_registry->registry().size()); });
    if (const EtcdRegistryMirror *mirror = m_registry->etcdMirror()) {
        m_stats->setRegistryBackend([mirror] {
            return DaemonStats::RegistryBackend{
                mirror->isCurrent(),    mirror->lastInStepMs(),   mirror->syncCount(),
                mirror->failedWrites(), mirror->deferredWrites(), mirror->unconfirmedWrites()};
        });
    }
    connect(m_registry.get(), &RegistryService::heartbeatAccepted, m_stats.get(),
            &DaemonStats::countHeartbeat);
}

DaemonApp::~DaemonApp() {
    // The scraper first: its round's callbacks refer to the recorder and the controllers.
    m_scraper.reset();
}

void DaemonApp::setScrapeTargets(std::function<QList<ScrapeTarget>()> provider) {
    m_scraper->setTargets(std::move(provider));
}

void DaemonApp::setUpSecurity() {
    const auto fail = [this](const QString &why) {
        if (m_configurationError.isEmpty())
            m_configurationError = why;
    };
    std::optional<TokenStore> tokens;
    if (!m_options.authFile.isEmpty()) {
        auto loaded = TokenStore::load(m_options.authFile);
        if (loaded)
            tokens = std::move(loaded).value();
        else
            fail(loaded.error());
    }
    if (!m_options.upstreamTokenFile.isEmpty()) {
        if (auto upstream = UpstreamToken::readAuthorization(m_options.upstreamTokenFile))
            m_upstreamAuthorization = upstream.value();
        else
            fail(upstream.error());
    }
    m_authorizer = std::make_unique<Authorizer>(std::move(tokens));
    m_audit = std::make_unique<AuditLog>(m_options.auditLog);
    if (const auto opened = m_audit->open(); !opened)
        fail(opened.error());
    m_authorizer->setAuditLog(m_audit.get());
    if (m_options.noHttp)
        return;
    const QHostAddress host(m_options.host);
    if (const QString exposed = Authorizer::exposureError(host, !m_options.authFile.isEmpty(),
                                                          m_options.insecureNoAuth);
        !host.isNull() && !exposed.isEmpty())
        fail(exposed);
    if (!m_options.tlsCert.isEmpty()) {
        if (const auto tls = m_front->useTls(m_options.tlsCert, m_options.tlsKey); !tls)
            fail(tls.error());
    }
}

void DaemonApp::setUpRegistry() {
    m_registry = std::make_unique<RegistryService>(m_options, m_upstreamAuthorization);
    if (m_configurationError.isEmpty())
        m_configurationError = m_registry->configurationError();
    if (!m_options.noHttp)
        m_registry->registerRoutes(m_front->server(), *m_authorizer, *m_audit);
}

void DaemonApp::setUpProxy() {
    ProxyEngine::Settings engine;
    engine.readTimeoutMs = int(m_options.proxyTimeoutS * 1000);
    engine.trustedProxies = m_options.trustedProxies;
    m_proxyEngine = std::make_unique<ProxyEngine>(engine);
    m_proxy = std::make_unique<ProxyController>(
        m_registry->catalog(), *m_authorizer, *m_audit, *m_proxyEngine,
        ProxyController::Settings{m_options.allowedNodePaths, m_upstreamAuthorization});
    m_proxy->registerRoutes(m_front->server());
}

Outcome<quint16> DaemonApp::start() {
    if (!m_configurationError.isEmpty())
        return Outcome<quint16>::failure(m_configurationError);
    if (m_options.noHttp) {
        m_registry->start(m_options.port);
        return Outcome<quint16>::success(0);
    }
    const QHostAddress address(m_options.host);
    if (address.isNull())
        return Outcome<quint16>::failure(
            QStringLiteral("--host: not an IP address: \"%1\"").arg(m_options.host));
    auto port = m_front->listen(address, m_options.port);
    if (port) {
        m_registry->start(port.value());
        m_recorder->start();
    }
    return port;
}

void DaemonApp::shutdown() {
    m_registry->shutdown();
}

} // namespace lmcf
