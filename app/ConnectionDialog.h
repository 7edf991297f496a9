#pragma once

#include "settings/ConnectionSettings.h"

#include <QDialog>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace lmcf {

//! Asks for the daemon URL and a token (typed, or read from a file), and where chart history
//! comes from: the daemon's built-in history or a Prometheus (URL and authentication). The
//! typed token is never stored; URLs and token files are remembered by the caller through
//! ConnectionSettings.
class ConnectionDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(const ConnectionSettings &current, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    //! The settings as entered (tokens read from their files when given).
    ConnectionSettings settings() const { return m_result; }
    //! Shows why the last attempt failed, above the fields.
    void setProblem(const QString &problem);

    void accept() override;

private:
    QGroupBox *historyGroup(const ConnectionSettings &current);
    //! A line edit with a "Browse…" button that fills it with a chosen file.
    QWidget *fileRow(QLineEdit *edit, const QString &title);
    void updateHistoryFields();
    //! The history part of the form into `result`; error text when it is not usable.
    QString readHistory(ConnectionSettings &result) const;

    QComboBox *m_url;
    QLineEdit *m_token;
    QLineEdit *m_tokenFile;
    QComboBox *m_historySource;
    QLineEdit *m_historyUrl;
    QComboBox *m_historyAuth;
    QLineEdit *m_historyTokenFile;
    QWidget *m_historyTokenRow = nullptr;
    QLabel *m_problem;
    ConnectionSettings m_result;
};

} // namespace lmcf
