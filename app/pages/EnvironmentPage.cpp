#include "pages/EnvironmentPage.h"

#include "fleet/FleetConnection.h"
#include "net/DaemonClient.h"
#include "pages/RecordTable.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lmcf {

namespace {
const QString kMask = QStringLiteral("•••••••• (hidden)");
} // namespace

EnvironmentPage::EnvironmentPage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Environment"), connection, parent)
    , m_search(new QLineEdit(this))
    , m_reveal(new QCheckBox(QStringLiteral("Reveal secret values"), this))
    , m_table(new QTableWidget(this)) {
    m_search->setPlaceholderText(QStringLiteral("Filter variables…"));
    m_search->setClearButtonEnabled(true);
    setUpRecordTable(m_table, {QStringLiteral("Variable"), QStringLiteral("Value")});
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_search, 1);
    row->addWidget(m_reveal);
    contentLayout()->addLayout(row);
    contentLayout()->addWidget(m_table, 1);
    connect(m_reveal, &QCheckBox::toggled, this, &EnvironmentPage::onRevealToggled);
    connect(m_search, &QLineEdit::textChanged, this, &EnvironmentPage::fillTable);
    connect(connection, &FleetConnection::viewerDetected, this, &EnvironmentPage::updateControls);
    updateControls();
}

EnvironmentPage::~EnvironmentPage() = default;

bool EnvironmentPage::isSecretName(const QString &name) {
    static const QRegularExpression secret(
        QStringLiteral("KEY|TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL|AUTH|PRIVATE|COOKIE|"
                       "SIGNATURE|CERT|SESSION|DSN|CONN_?STR"),
        QRegularExpression::CaseInsensitiveOption);
    return secret.match(name).hasMatch();
}

void EnvironmentPage::clear() {
    m_environment = {};
    m_reveal->setChecked(false);
    m_table->setRowCount(0);
}

int EnvironmentPage::variableCount() const {
    return int(m_environment.size());
}

void EnvironmentPage::updateControls() {
    const bool viewer = connection()->isViewer();
    if (viewer)
        m_reveal->setChecked(false);
    m_reveal->setEnabled(!viewer);
    m_reveal->setToolTip(viewer ? QStringLiteral("Needs an operator token")
                                : QStringLiteral("Show masked values (asks first)"));
}

void EnvironmentPage::load() {
    get(QStringLiteral("env"), [this](const DaemonReply &reply) {
        if (!reply.ok() || !reply.json.isObject()) {
            showReplyProblem(reply, QStringLiteral("Environment unavailable"));
            return;
        }
        showEnvironment(reply.json.object());
        int hidden = 0;
        for (auto it = m_environment.begin(); it != m_environment.end(); ++it)
            hidden += isSecretName(it.key()) ? 1 : 0;
        showReady(QStringLiteral("%1 variables, %2 masked").arg(variableCount()).arg(hidden));
    });
}

void EnvironmentPage::showEnvironment(const QJsonObject &environment) {
    m_environment = environment;
    fillTable();
}

void EnvironmentPage::fillTable() {
    const QString needle = m_search->text().trimmed();
    const bool reveal = m_reveal->isChecked();
    m_table->setRowCount(0);
    for (auto it = m_environment.begin(); it != m_environment.end(); ++it) {
        if (!needle.isEmpty() && !it.key().contains(needle, Qt::CaseInsensitive))
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        const bool secret = isSecretName(it.key());
        auto *value = new QTableWidgetItem(secret && !reveal ? kMask : it.value().toString());
        if (secret)
            value->setForeground(QColor(0xe0, 0x8a, 0x00));
        m_table->setItem(row, 1, value);
    }
}

QString EnvironmentPage::shownValue(const QString &name) const {
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->text() == name)
            return m_table->item(row, 1)->text();
    }
    return {};
}

void EnvironmentPage::onRevealToggled(bool on) {
    if (on && connection()->isViewer()) {
        m_reveal->setChecked(false);
        return;
    }
    if (on && isVisible() &&
        QMessageBox::question(this, QStringLiteral("Reveal secrets"),
                              QStringLiteral("Show the secret-looking values of %1 in clear? "
                                             "Anyone who can see your screen will read them.")
                                  .arg(node())) != QMessageBox::Yes) {
        const QSignalBlocker block(m_reveal);
        m_reveal->setChecked(false);
        return;
    }
    fillTable();
}

} // namespace lmcf
