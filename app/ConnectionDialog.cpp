#include "ConnectionDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lmcf {

ConnectionDialog::ConnectionDialog(const ConnectionSettings &current, QWidget *parent)
    : QDialog(parent)
    , m_url(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_tokenFile(new QLineEdit(this))
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
    auto *browse = new QPushButton(QStringLiteral("Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_tokenFile, 1);
    fileRow->addWidget(browse);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #d03030;"));
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("Daemon URL:"), m_url);
    form->addRow(QStringLiteral("Token:"), m_token);
    form->addRow(QStringLiteral("Token file:"), fileRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Connect"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problem);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, QStringLiteral("Token file"));
        if (!file.isEmpty())
            m_tokenFile->setText(file);
    });
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::setProblem(const QString &problem) {
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void ConnectionDialog::accept() {
    const QUrl url = QUrl::fromUserInput(m_url->currentText().trimmed());
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        setProblem(
            QStringLiteral("Enter the daemon's address as http://host:port or https://host:port."));
        return;
    }
    ConnectionSettings result = m_result;
    result.daemon = url;
    result.tokenFile = m_tokenFile->text().trimmed();
    result.token = m_token->text().trimmed();
    if (result.token.isEmpty()) {
        if (const QString problem = result.readTokenFile(); !problem.isEmpty()) {
            setProblem(problem);
            return;
        }
    }
    m_result = result;
    QDialog::accept();
}

} // namespace lmcf
