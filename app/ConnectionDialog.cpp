#include "ConnectionDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lmcf {

namespace {

using HistoryAuth = ConnectionSettings::HistoryAuth;

bool isHttpUrl(const QUrl &url) {
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

} // namespace

ConnectionDialog::ConnectionDialog(const ConnectionSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_url(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_tokenFile(new QLineEdit(this))
    , m_historySource(new QComboBox(this))
    , m_historyUrl(new QLineEdit(this))
    , m_historyAuth(new QComboBox(this))
    , m_historyTokenFile(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_result(current) {
    setWindowTitle(QStringLiteral("Connect to a daemon"));
    m_url->setEditable(true);
    m_url->addItems(current.recentDaemons);
    m_url->setCurrentText(current.daemon.isValid() ? current.daemon.toString()
                                                   : QStringLiteral("http://127.0.0.1:5000"));
    m_url->setMinimumWidth(360);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(QStringLiteral("optional; kept in memory only"));
    m_token->setText(current.token);
    m_tokenFile->setText(current.tokenFile);
    m_tokenFile->setPlaceholderText(QStringLiteral("optional; used when no token is typed"));
    m_url->setObjectName(QStringLiteral("daemonUrl"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("Daemon URL:"), m_url);
    form->addRow(QStringLiteral("Token:"), m_token);
    form->addRow(QStringLiteral("Token file:"), fileRow(m_tokenFile, QStringLiteral("Token file")));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Connect"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problem);
    layout->addLayout(form);
    layout->addWidget(historyGroup(current));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
}

ConnectionDialog::~ConnectionDialog() = default;

QWidget *ConnectionDialog::fileRow(QLineEdit *edit, const QString &title) {
    auto *row = new QWidget(this);
    auto *browse = new QPushButton(QStringLiteral("Browse…"), row);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title] {
        const QString file = QFileDialog::getOpenFileName(this, title);
        if (!file.isEmpty())
            edit->setText(file);
    });
    return row;
}

QGroupBox *ConnectionDialog::historyGroup(const ConnectionSettings &current) {
    auto *group = new QGroupBox(QStringLiteral("Chart history"), this);
    m_historySource->setObjectName(QStringLiteral("historySource"));
    m_historyUrl->setObjectName(QStringLiteral("historyUrl"));
    m_historyAuth->setObjectName(QStringLiteral("historyAuth"));
    m_historyTokenFile->setObjectName(QStringLiteral("historyTokenFile"));
    m_historySource->addItem(QStringLiteral("The daemon's built-in history"));
    m_historySource->addItem(QStringLiteral("Prometheus (its HTTP query API)"));
    m_historySource->setCurrentIndex(current.historyUrl.isValid() ? 1 : 0);
    m_historyUrl->setText(current.historyUrl.toString());
    m_historyUrl->setPlaceholderText(QStringLiteral("http://prometheus:9090"));
    m_historyAuth->addItem(QStringLiteral("None"), int(HistoryAuth::None));
    m_historyAuth->addItem(QStringLiteral("The daemon's token"), int(HistoryAuth::DaemonToken));
    m_historyAuth->addItem(QStringLiteral("Bearer token from a file"), int(HistoryAuth::TokenFile));
    m_historyAuth->setCurrentIndex(m_historyAuth->findData(int(current.historyAuth)));
    m_historyTokenFile->setText(current.historyTokenFile);
    auto *form = new QFormLayout(group);
    form->addRow(QStringLiteral("Source:"), m_historySource);
    form->addRow(QStringLiteral("Prometheus URL:"), m_historyUrl);
    form->addRow(QStringLiteral("Authentication:"), m_historyAuth);
    m_historyTokenRow = fileRow(m_historyTokenFile, QStringLiteral("Prometheus token file"));
    form->addRow(QStringLiteral("Token file:"), m_historyTokenRow);
    auto *note = new QLabel(QStringLiteral("Live values always come from the daemon; the past "
                                           "shown when charts open comes from here."),
                            group);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    form->addRow(note);
    connect(m_historySource, &QComboBox::currentIndexChanged, this,
            &ConnectionDialog::updateHistoryFields);
    connect(m_historyAuth, &QComboBox::currentIndexChanged, this,
            &ConnectionDialog::updateHistoryFields);
    updateHistoryFields();
    return group;
}

void ConnectionDialog::updateHistoryFields() {
    const bool prometheus = m_historySource->currentIndex() == 1;
    m_historyUrl->setEnabled(prometheus);
    m_historyAuth->setEnabled(prometheus);
    m_historyTokenRow->setEnabled(prometheus && m_historyAuth->currentData().toInt() ==
                                                    int(HistoryAuth::TokenFile));
}

void ConnectionDialog::setProblem(const QString &problem) {
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString ConnectionDialog::readHistory(ConnectionSettings &result) const {
    result.historyUrl = QUrl();
    result.historyAuth = HistoryAuth::None;
    result.historyTokenFile = m_historyTokenFile->text().trimmed();
    if (m_historySource->currentIndex() != 1)
        return {};
    result.historyUrl = QUrl::fromUserInput(m_historyUrl->text().trimmed());
    if (!isHttpUrl(result.historyUrl))
        return QStringLiteral("Enter Prometheus' address as http://host:port (or https://).");
    result.historyAuth = HistoryAuth(m_historyAuth->currentData().toInt());
    return result.readHistoryTokenFile();
}

void ConnectionDialog::accept() {
    const QUrl url = QUrl::fromUserInput(m_url->currentText().trimmed());
    if (!isHttpUrl(url)) {
        setProblem(
            QStringLiteral("Enter the daemon's address as http://host:port or https://host:port."));
        return;
    }
    ConnectionSettings result = m_result;
    result.daemon = url;
    result.tokenFile = m_tokenFile->text().trimmed();
    result.token = m_token->text().trimmed();
    QString problem = result.token.isEmpty() ? result.readTokenFile() : QString();
    if (problem.isEmpty())
        problem = readHistory(result);
    if (!problem.isEmpty()) {
        setProblem(problem);
        return;
    }
    m_result = result;
    QDialog::accept();
}

} // namespace lmcf
