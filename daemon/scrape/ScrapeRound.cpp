#include "scrape/ScrapeRound.h"

#include "auth/UpstreamToken.h"

#include <QNetworkReply>
#include <QTimer>

namespace lmcf {

namespace {
//! Aborts a reply nobody will read: its `finished` handlers are cut first, so the abort neither
//! calls back nor reads from the closed device (which Qt warns about once per reply).
void drop(QNetworkReply *reply) {
    QObject::disconnect(reply, &QNetworkReply::finished, nullptr, nullptr);
    reply->abort();
    reply->deleteLater();
}
} // namespace

QPointer<ScrapeRound> ScrapeRound::start(HttpClient &client, QList<ScrapeTarget> targets,
                                         ScrapeLimits limits, Done done) {
    auto *round = new ScrapeRound(client, std::move(targets), limits, std::move(done));
    if (round->m_targets.isEmpty()) {
        // Still asynchronous, so callers never see `done` run inside start().
        QTimer::singleShot(0, round, [round] {
            if (!round->m_cancelled && round->m_done)
                round->m_done({});
            round->deleteLater();
        });
    } else {
        if (limits.roundDeadlineMs > 0)
            QTimer::singleShot(limits.roundDeadlineMs, round, [round] { round->deadlinePassed(); });
        round->launchMore();
    }
    return round;
}

ScrapeRound::ScrapeRound(HttpClient &client, QList<ScrapeTarget> targets, ScrapeLimits limits,
                         Done done)
    : m_client(client)
    , m_targets(std::move(targets))
    , m_limits(limits)
    , m_done(std::move(done)) {
    m_outcomes.resize(m_targets.size());
    m_replies.resize(m_targets.size());
}

ScrapeRound::~ScrapeRound() {
    cancel();
}

void ScrapeRound::cancel() {
    if (m_cancelled)
        return;
    m_cancelled = true;
    for (const auto &reply : std::as_const(m_replies)) {
        if (reply)
            drop(reply);
    }
    deleteLater();
}

void ScrapeRound::launchMore() {
    HttpRequestOptions options;
    options.timeoutMs = m_limits.timeoutMs;
    options.maxResponseBytes = m_limits.maxBytes;
    while (!m_cancelled && m_next < m_targets.size() && m_pending < m_limits.maxInFlight) {
        const qsizetype index = m_next++;
        ++m_pending;
        m_outcomes[index].node = m_targets[index].node;
        m_outcomes[index].proxy = m_targets[index].proxy;
        const ScrapeTarget &target = m_targets[index];
        m_replies[index] = m_client.send(
            UpstreamToken::request(target.url, target.authorization), QByteArrayLiteral("GET"), {},
            options, this, [this, index](const HttpResult &r) { finishOne(index, r); });
    }
}

void ScrapeRound::finishOne(qsizetype index, const HttpResult &result) {
    if (m_cancelled)
        return;
    m_outcomes[index].result = result;
    m_replies[index] = nullptr;
    --m_pending;
    if (m_next < m_targets.size()) {
        launchMore();
        return;
    }
    if (m_pending == 0)
        complete();
}

void ScrapeRound::deadlinePassed() {
    if (m_cancelled)
        return;
    const QString late = QStringLiteral("not answered within the round deadline of %1 ms")
                             .arg(m_limits.roundDeadlineMs);
    for (qsizetype i = 0; i < m_targets.size(); ++i) {
        if (i >= m_next || m_replies[i]) {
            m_outcomes[i].node = m_targets[i].node;
            m_outcomes[i].proxy = m_targets[i].proxy;
            m_outcomes[i].result = HttpResult{};
            m_outcomes[i].result.error = late;
            m_outcomes[i].result.timedOut = true;
            m_outcomes[i].result.elapsedMs = m_limits.roundDeadlineMs;
        }
    }
    complete();
}

void ScrapeRound::complete() {
    m_cancelled = true; // finished: late replies are ignored
    for (const auto &reply : std::as_const(m_replies)) {
        if (reply)
            drop(reply);
    }
    if (m_done)
        m_done(m_outcomes);
    deleteLater();
}

} // namespace lmcf
