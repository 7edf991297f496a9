#include "pages/NodePage.h"

#include "fleet/FleetConnection.h"
#include "net/DaemonClient.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace lmcf {

NodePage::NodePage(const QString &title, FleetConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_connection(connection)
    , m_heading(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_refresh(new QPushButton(QStringLiteral("Refresh"), this))
    , m_content(new QVBoxLayout) {
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refresh->setToolTip(QStringLiteral("Load this page again"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_heading);
    header->addSpacing(12);
    header->addWidget(m_busy);
    header->addWidget(m_status, 1);
    header->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(m_content, 1);
    connect(m_refresh, &QPushButton::clicked, this, &NodePage::reload);
}

NodePage::~NodePage() = default;

void NodePage::setNode(const QString &node, bool loadNow) {
    delete m_load;
    m_node = node;
    m_heading->setText(m_title + QStringLiteral(" — ") + node);
    clear();
    m_stale = true;
    if (loadNow)
        reload();
}

void NodePage::ensureLoaded() {
    if (m_stale)
        reload();
}

void NodePage::reload() {
    delete m_load;
    if (m_node.isEmpty())
        return;
    m_load = new QObject(this);
    m_settled = false;
    m_stale = false;
    setBusy(true);
    m_status->setText(QStringLiteral("Loading…"));
    m_status->setStyleSheet({});
    load();
}

void NodePage::setBusy(bool busy) {
    m_busy->setVisible(busy);
    m_refresh->setEnabled(!busy);
}

void NodePage::get(const QString &path, std::function<void(const DaemonReply &)> done) {
    if (!m_load)
        m_load = new QObject(this); // an action on a page that was never loaded
    m_connection->client()->nodeGet(m_node, path, m_load, std::move(done));
}

void NodePage::getWithFallback(const QString &path, const QString &fallback,
                               std::function<void(const DaemonReply &)> done) {
    get(path, [this, fallback, done](const DaemonReply &reply) {
        if (reply.problem == DaemonReply::Problem::NotFound)
            get(fallback, done);
        else
            done(reply);
    });
}

void NodePage::post(const QString &path, const QByteArray &body,
                    std::function<void(const DaemonReply &)> done) {
    if (!m_load)
        m_load = new QObject(this);
    m_connection->client()->nodePost(m_node, path, body, m_load, std::move(done));
}

void NodePage::showReady(const QString &info) {
    setBusy(false);
    m_status->setStyleSheet({});
    const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    m_status->setText(info.isEmpty() ? QStringLiteral("Updated %1").arg(time)
                                     : QStringLiteral("%1 · updated %2").arg(info, time));
    m_settled = true;
    Q_EMIT settled();
}

void NodePage::showProblem(const QString &message) {
    setBusy(false);
    m_status->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_status->setText(message);
    m_settled = true;
    Q_EMIT settled();
}

void NodePage::showReplyProblem(const DaemonReply &reply, const QString &what) {
    if (reply.problem == DaemonReply::Problem::Forbidden)
        m_connection->noteForbidden();
    showProblem(what + QStringLiteral(": ") + reply.message);
}

} // namespace lmcf
