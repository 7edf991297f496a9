#include "routes/MetricsController.h"

#include "auth/Authorizer.h"
#include "http/PendingReply.h"
#include "routes/FleetMetricsText.h"
#include "routes/Gzip.h"
#include "scrape/FleetScraper.h"
#include "scrape/PreparedNodeCache.h"
#include "stats/DaemonStats.h"

#include <QFutureWatcher>
#include <QHttpServer>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QUrlQuery>

#include <algorithm>

namespace lmcf {

namespace {
const QByteArray kContentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");

bool clientAcceptsGzip(const QHttpServerRequest &request) {
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("accept-encoding", Qt::CaseInsensitive) == 0 && Gzip::accepted(value))
            return true;
    }
    return false;
}

//! `Cache-Control: no-cache` (or `max-age=0`): the client wants a round that starts now.
bool clientWantsFresh(const QHttpServerRequest &request) {
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("cache-control", Qt::CaseInsensitive) == 0 &&
            (value.contains("no-cache") || value.contains("max-age=0")))
            return true;
    }
    return false;
}
} // namespace

MetricsController::MetricsController(FleetScraper &scraper, DaemonStats &stats, QObject *parent)
    : QObject(parent)
    , m_scraper(scraper)
    , m_stats(stats)
    , m_prepared(std::make_shared<PreparedNodeCache>()) {}

MetricsController::~MetricsController() = default;

void MetricsController::registerRoutes(QHttpServer &server, const Authorizer &authorizer) {
    server.route(QStringLiteral("/metrics"),
                 QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
                 authorizer.guard(Permission::View, [this](const QHttpServerRequest &request,
                                                           QHttpServerResponder &&responder,
                                                           const Caller &) {
                     auto reply = PendingReply::make(std::move(responder), request);
                     m_stats.track(*reply, QByteArrayLiteral("/metrics"));
                     const bool gzip = clientAcceptsGzip(request);
                     const QSet<QByteArray> only = onlyFamilies(request);
                     QPointer<MetricsController> self(this);
                     const quint64 ticket = m_scraper.collect(
                         clientWantsFresh(request) ? 0 : m_reuseWindowMs,
                         [self, reply, gzip, only](const std::shared_ptr<const FleetScrape> &s) {
                             if (self && reply->canWrite())
                                 self->answer(s, reply, gzip, only);
                         });
                     // Deferred: the scraper must not drop this reply from inside its own callback.
                     reply->onClientGone([self, ticket] {
                         QMetaObject::invokeMethod(
                             self,
                             [self, ticket] {
                                 if (self)
                                     self->m_scraper.cancel(ticket);
                             },
                             Qt::QueuedConnection);
                     });
                 }));
}

void MetricsController::answer(const std::shared_ptr<const FleetScrape> &scrape,
                               const std::shared_ptr<PendingReply> &reply, bool gzip,
                               const QSet<QByteArray> &only) {
    if (m_cachedGeneration != scrape->generation || m_reuseWindowMs <= 0) {
        m_cached.clear();
        m_cachedGeneration = scrape->generation;
    }
    QList<QByteArray> names = only.values();
    std::sort(names.begin(), names.end());
    const QByteArray key = names.join(',');
    const auto cached = m_cached.find(key);
    if (cached != m_cached.end()) {
        sendText(reply, *cached, gzip);
        return;
    }
    // Requests for a text being rendered join that render instead of starting another.
    const QByteArray renderKey = QByteArray::number(scrape->generation) + ':' + key;
    auto &waiters = m_rendering[renderKey];
    const bool started = !waiters.isEmpty();
    waiters.append({reply, gzip});
    if (!started)
        startRender(scrape, renderKey, key, only, gzip);
}

void MetricsController::startRender(const std::shared_ptr<const FleetScrape> &scrape,
                                    const QByteArray &renderKey, const QByteArray &key,
                                    const QSet<QByteArray> &only, bool gzip) {
    auto promise = std::make_shared<QPromise<FleetMetricsText>>();
    auto *watcher = new QFutureWatcher<FleetMetricsText>(this);
    const qint64 generation = scrape->generation;
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, renderKey, key, generation] {
                watcher->deleteLater();
                rendered(renderKey, key, generation, watcher->result());
            });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start(
        [promise, scrape, own = m_stats.exposition(), only, gzip, cache = m_prepared] {
            promise->start();
            promise->addResult(FleetMetricsText::render(*scrape, own, only, gzip, *cache));
            promise->finish();
        });
}

void MetricsController::rendered(const QByteArray &renderKey, const QByteArray &key,
                                 qint64 generation, FleetMetricsText text) {
    const QList<Waiter> waiters = m_rendering.take(renderKey);
    for (const Waiter &waiter : waiters) {
        if (waiter.reply->canWrite())
            sendText(waiter.reply, text, waiter.gzip);
    }
    if (generation == m_cachedGeneration)
        m_cached.insert(key, std::move(text));
}

void MetricsController::sendText(const std::shared_ptr<PendingReply> &reply, FleetMetricsText &text,
                                 bool gzip) {
    if (gzip && text.gzipped.isEmpty()) // rendered without: the first gzip client pays once
        text.gzipped = Gzip::compress(text.pieces.join());
    PendingReply::Headers headers{
        {QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept-Encoding")}};
    if (gzip)
        headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    if (gzip)
        PendingReply::sendPaced(reply, 200, text.gzipped, kContentType, headers);
    else
        PendingReply::sendPaced(reply, 200, text.pieces, kContentType, headers);
}

QSet<QByteArray> MetricsController::onlyFamilies(const QHttpServerRequest &request) {
    QSet<QByteArray> names;
    const QUrlQuery query = request.query();
    for (const QString &name : query.allQueryItemValues(QStringLiteral("name"), QUrl::FullyDecoded))
        names.insert(name.toUtf8());
    return names;
}

} // namespace lmcf
