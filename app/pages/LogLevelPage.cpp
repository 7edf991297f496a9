#include "pages/LogLevelPage.h"

#include "fleet/FleetConnection.h"
#include "net/DaemonClient.h"
#include "pages/RecordTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace lmcf {

LogLevelPage::LogLevelPage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Log levels"), connection, parent)
    , m_search(new QLineEdit(this))
    , m_table(new QTableWidget(this))
    , m_level(new QComboBox(this))
    , m_apply(new QPushButton(QStringLiteral("Set level"), this)) {
    m_search->setPlaceholderText(QStringLiteral("Filter loggers…"));
    m_search->setClearButtonEnabled(true);
    setUpRecordTable(m_table, {QStringLiteral("Logger"), QStringLiteral("Level")});
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_level->addItems({QStringLiteral("DEBUG"), QStringLiteral("INFO"), QStringLiteral("WARNING"),
                       QStringLiteral("ERROR"), QStringLiteral("CRITICAL")});
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(QStringLiteral("Selected logger's level:"), this));
    controls->addWidget(m_level);
    controls->addWidget(m_apply);
    controls->addStretch(1);
    contentLayout()->addWidget(m_search);
    contentLayout()->addWidget(m_table, 1);
    contentLayout()->addLayout(controls);
    connect(m_apply, &QPushButton::clicked, this, &LogLevelPage::applyLevel);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> selected = m_table->selectedItems();
        if (!selected.isEmpty())
            m_level->setCurrentText(m_table->item(selected.first()->row(), 1)->text());
        updateControls();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &needle) {
        for (int row = 0; row < m_table->rowCount(); ++row)
            m_table->setRowHidden(row, !m_table->item(row, 0)->text().contains(
                                           needle.trimmed(), Qt::CaseInsensitive));
    });
    connect(connection, &FleetConnection::viewerDetected, this, &LogLevelPage::updateControls);
    updateControls();
}

LogLevelPage::~LogLevelPage() = default;

QList<QPair<QString, QString>> LogLevelPage::parse(const QByteArray &text) {
    QList<QPair<QString, QString>> loggers;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1String("===")))
            continue;
        const qsizetype colon = line.lastIndexOf(u':');
        if (colon <= 0)
            continue;
        loggers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed().toUpper()});
    }
    return loggers;
}

void LogLevelPage::clear() {
    m_table->setRowCount(0);
}

int LogLevelPage::loggerCount() const {
    return m_table->rowCount();
}

void LogLevelPage::updateControls() {
    const bool viewer = connection()->isViewer();
    m_apply->setEnabled(!viewer && !m_table->selectedItems().isEmpty());
    m_level->setEnabled(!viewer);
    m_apply->setToolTip(viewer ? QStringLiteral("Needs an operator token")
                               : QStringLiteral("Set the selected logger to this level"));
}

void LogLevelPage::load() {
    get(QStringLiteral("loglevel"), [this](const DaemonReply &reply) {
        if (!reply.ok()) {
            showReplyProblem(reply, QStringLiteral("Log levels unavailable"));
            return;
        }
        showLoggers(parse(reply.body));
        showReady(QStringLiteral("%1 loggers").arg(loggerCount()));
    });
}

void LogLevelPage::showLoggers(const QList<QPair<QString, QString>> &loggers) {
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(loggers.size()));
    for (int row = 0; row < loggers.size(); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(loggers[row].first));
        m_table->setItem(row, 1, new QTableWidgetItem(loggers[row].second));
    }
    m_table->setSortingEnabled(true);
    updateControls();
}

void LogLevelPage::applyLevel() {
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return;
    const QString logger = m_table->item(selected.first()->row(), 0)->text();
    const QString level = m_level->currentText();
    const QString path = QStringLiteral("loglevel?logger_name=%1&level=%2")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(logger)), level);
    get(path, [this, logger, level](const DaemonReply &reply) {
        if (!reply.ok()) {
            showReplyProblem(reply, QStringLiteral("Could not set %1 to %2").arg(logger, level));
            updateControls();
            return;
        }
        reload();
    });
}

} // namespace lmcf
