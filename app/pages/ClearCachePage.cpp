#include "pages/ClearCachePage.h"

#include "core/WholeNumber.h"
#include "fleet/FleetConnection.h"
#include "net/DaemonClient.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace lmcf {

ClearCachePage::ClearCachePage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Clear cache"), connection, parent)
    , m_holding(new QLabel(this))
    , m_clear(new QPushButton(this))
    , m_result(new QPlainTextEdit(this)) {
    auto *explain = new QLabel(
        QStringLiteral("Clearing drops every KV-cache entry this node holds in L1. Requests keep "
                       "working but must recompute their prefixes until the cache warms up "
                       "again. This cannot be undone."),
        this);
    explain->setWordWrap(true);
    m_holding->setTextFormat(Qt::PlainText);
    m_clear->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_result->setReadOnly(true);
    m_result->setPlaceholderText(QStringLiteral("The node's answer will appear here."));
    m_result->setMaximumHeight(160);
    auto *row = new QHBoxLayout;
    row->addWidget(m_clear);
    row->addStretch(1);
    contentLayout()->addWidget(explain);
    contentLayout()->addWidget(m_holding);
    contentLayout()->addLayout(row);
    contentLayout()->addWidget(m_result);
    contentLayout()->addStretch(1);
    m_confirm = [this](const QString &node) {
        return QMessageBox::warning(
                   this, QStringLiteral("Clear cache of %1?").arg(node),
                   QStringLiteral("Clear the whole KV cache of node %1?\n\nThis cannot be undone.")
                       .arg(node),
                   QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
    };
    connect(m_clear, &QPushButton::clicked, this, &ClearCachePage::requestClear);
    connect(connection, &FleetConnection::viewerDetected, this, &ClearCachePage::updateControls);
}

ClearCachePage::~ClearCachePage() = default;

void ClearCachePage::setConfirmation(std::function<bool(const QString &)> confirm) {
    m_confirm = std::move(confirm);
}

QString ClearCachePage::resultText() const {
    return m_result->toPlainText();
}

void ClearCachePage::clear() {
    m_result->clear();
    m_holding->setText({});
    updateControls();
}

void ClearCachePage::updateControls() {
    m_clear->setText(QStringLiteral("Clear cache of %1…").arg(node()));
    const bool viewer = connection()->isViewer();
    m_clear->setEnabled(!viewer);
    m_clear->setToolTip(viewer ? QStringLiteral("Needs an operator token") : QString());
}

void ClearCachePage::load() {
    updateControls();
    getWithFallback(
        QStringLiteral("api/status"), QStringLiteral("status"), [this](const DaemonReply &reply) {
            const QJsonObject l1 = reply.json.object()
                                       .value(QLatin1String("storage_manager"))
                                       .toObject()
                                       .value(QLatin1String("l1"))
                                       .toObject();
            if (reply.ok() && !l1.isEmpty()) {
                m_holding->setText(
                    QStringLiteral("L1 now holds %1 objects, %2.")
                        .arg(QLocale().toString(wholeNumberOr(
                                 l1.value(QLatin1String("total_object_count")).toDouble(), 0)),
                             QLocale().formattedDataSize(wholeNumberOr(
                                 l1.value(QLatin1String("memory_used_bytes")).toDouble(), 0))));
            }
            showReady();
        });
}

void ClearCachePage::requestClear() {
    if (node().isEmpty() || !m_confirm || !m_confirm(node()))
        return;
    m_clear->setEnabled(false);
    m_result->setPlainText(QStringLiteral("Clearing the cache of %1…").arg(node()));
    clearAt(QStringLiteral("api/clear-cache"), false);
}

void ClearCachePage::clearAt(const QString &path, bool lastTry) {
    post(path, {}, [this, lastTry](const DaemonReply &reply) {
        if (reply.problem == DaemonReply::Problem::NotFound && !lastTry)
            return clearAt(QStringLiteral("cache/clear"), true);
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        if (reply.ok()) {
            m_result->setPlainText(QStringLiteral("%1  Cleared the cache of %2.\nNode answered: %3")
                                       .arg(time, node(), QString::fromUtf8(reply.body).trimmed()));
        } else {
            if (reply.problem == DaemonReply::Problem::Forbidden)
                connection()->noteForbidden();
            m_result->setPlainText(
                QStringLiteral("%1  Not cleared: %2\n%3")
                    .arg(time, reply.message, QString::fromUtf8(reply.body).trimmed()));
        }
        updateControls();
        Q_EMIT clearFinished(reply.ok());
        reload();
    });
}

} // namespace lmcf
