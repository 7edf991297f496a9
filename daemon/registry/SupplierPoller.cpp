#include "registry/SupplierPoller.h"

#include "auth/UpstreamToken.h"
#include "discovery/InfosDocument.h"
#include "discovery/SupplierConversion.h"
#include "net/HttpClient.h"
#include "registry/DashboardProbe.h"
#include "registry/NodeCatalog.h"

#include <QLoggingCategory>
#include <QPointer>

#include <memory>

namespace lmcf {

namespace {
Q_LOGGING_CATEGORY(lcSupplier, "lmcf.daemon.supplier")

QUrl infosUrlFor(QUrl url) {
    if (!url.path().endsWith(QStringLiteral("lmcache_infos"))) {
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + QStringLiteral("/lmcache_infos"));
    }
    return url;
}
} // namespace

SupplierPoller::SupplierPoller(QUrl supplierUrl, HttpClient *client, DashboardProbe *probe,
                               NodeCatalog *catalog, QObject *parent)
    : QObject(parent)
    , m_url(infosUrlFor(std::move(supplierUrl)))
    , m_client(client)
    , m_probe(probe)
    , m_catalog(catalog) {
    m_timer.setInterval(30'000);
    connect(&m_timer, &QTimer::timeout, this, &SupplierPoller::poll);
}

SupplierPoller::~SupplierPoller() = default;

void SupplierPoller::start() {
    m_timer.start();
    poll();
}

void SupplierPoller::fail(const QString &problem) {
    m_inFlight = false;
    ++m_failures;
    qCWarning(lcSupplier).noquote() << "supplier" << m_url.toDisplayString() << ":" << problem
                                    << "- keeping the previous node list";
    Q_EMIT polled(false, problem);
}

void SupplierPoller::poll() {
    if (m_inFlight)
        return;
    m_inFlight = true;
    HttpRequestOptions options;
    options.timeoutMs = 10'000;
    m_client->send(UpstreamToken::request(m_url, m_authorization), QByteArrayLiteral("GET"), {},
                   options, this, [this](const HttpResult &result) {
                       if (!result.ok()) {
                           fail(result.error.isEmpty()
                                    ? QStringLiteral("HTTP %1").arg(result.status)
                                    : result.error);
                           return;
                       }
                       const auto entries = InfosDocument::read(result.body);
                       if (!entries)
                           return fail(entries.error());
                       if (entries->isEmpty())
                           return fail(QStringLiteral("empty node list"));
                       received(entries.value());
                   });
}

void SupplierPoller::received(const QList<InfosEntry> &entries) {
    // Probe every address in parallel; convert once the last one answered.
    struct Round {
        QList<InfosEntry> entries;
        QHash<QString, QList<LeafNode>> children;
        int pending = 0;
    };
    auto round = std::make_shared<Round>();
    round->entries = entries;
    QList<QPair<NodeAddress, QString>> addresses; // with the entry's other_info
    for (const InfosEntry &entry : entries) {
        const auto address = NodeAddress::fromApiAddress(entry.apiAddress);
        if (address)
            addresses.append({address.value(), entry.otherInfo});
    }
    const auto finish = [self = QPointer<SupplierPoller>(this), round] {
        if (!self)
            return;
        QStringList skipped;
        const NodeTree tree = SupplierConversion::toTree(round->entries, round->children, &skipped);
        for (const QString &why : std::as_const(skipped))
            qCInfo(lcSupplier).noquote() << "supplier entry skipped:" << why;
        self->m_inFlight = false;
        ++self->m_successes;
        self->m_catalog->setSupplierTree(tree);
        Q_EMIT self->polled(true, {});
    };
    if (addresses.isEmpty())
        return finish();
    round->pending = int(addresses.size());
    for (const auto &[address, otherInfo] : std::as_const(addresses)) {
        m_probe->probe(address, SupplierConversion::proxyName(address), otherInfo,
                       [round, finish, key = address.baseUrl()](const QList<LeafNode> &children) {
                           if (!children.isEmpty())
                               round->children.insert(key, children);
                           if (--round->pending == 0)
                               finish();
                       });
    }
}

} // namespace lmcf
