#pragma once

#include "net/HttpClient.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace lmcf {

struct ScrapeTarget {
    QString node; //!< the name the samples are labelled with
    QUrl url;     //!< the node's metrics URL
    //! The dashboard the node is reached through (a vLLM node's proxy), labelled `proxy`; empty
    //! for a node scraped directly.
    QString proxy = {};
    //! `Authorization` value sent with the scrape (the upstream token, only for a node behind
    //! a dashboard); empty: none.
    QByteArray authorization = {};
};

struct ScrapeOutcome {
    QString node;
    QString proxy = {}; //!< as ScrapeTarget::proxy
    HttpResult result;  //!< ok() when the node answered 2xx in time
};

struct ScrapeLimits {
    int timeoutMs = 2000;                 //!< per node, connect included
    int maxInFlight = 64;                 //!< bounded concurrency
    qint64 maxBytes = 16LL * 1024 * 1024; //!< a larger exposition is refused
    //! Whole round, 0 = none: when it passes, requests in flight are aborted and targets not yet
    //! started are reported as not scraped, so `done` runs by then however many targets there are.
    int roundDeadlineMs = 0;
};

//! One parallel scrape of many nodes: at most `maxInFlight` requests at once, each bounded by
//! the timeout, so the whole round ends within about ⌈targets/maxInFlight⌉ × timeout, or by
//! the round deadline when one is set. `done`
//! runs exactly once with one outcome per target, in target order, unless cancel() came first.
//! Deletes itself after finishing or cancelling.
class ScrapeRound final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QList<ScrapeOutcome> &)>;

    static QPointer<ScrapeRound> start(HttpClient &client, QList<ScrapeTarget> targets,
                                       ScrapeLimits limits, Done done);
    ~ScrapeRound() override;

    //! Aborts what is in flight; `done` will not run.
    void cancel();

private:
    ScrapeRound(HttpClient &client, QList<ScrapeTarget> targets, ScrapeLimits limits, Done done);
    void launchMore();
    void finishOne(qsizetype index, const HttpResult &result);
    void deadlinePassed();
    void complete();

    HttpClient &m_client;
    QList<ScrapeTarget> m_targets;
    QList<ScrapeOutcome> m_outcomes;
    QList<QPointer<QNetworkReply>> m_replies;
    ScrapeLimits m_limits;
    Done m_done;
    qsizetype m_next = 0;
    qsizetype m_pending = 0;
    bool m_cancelled = false;
};

} // namespace lmcf
