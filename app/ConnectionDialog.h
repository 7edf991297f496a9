#pragma once

#include "settings/ConnectionSettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace lmcf {

//! Asks for the daemon URL and a token (typed, or read from a file). The typed token is never
//! stored; the URL and token file are remembered by the caller through ConnectionSettings.
class ConnectionDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(const ConnectionSettings &current, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    //! The settings as entered (token read from the file when one is given).
    ConnectionSettings settings() const { return m_result; }
    //! Shows why the last attempt failed, above the fields.
    void setProblem(const QString &problem);

    void accept() override;

private:
    QComboBox *m_url;
    QLineEdit *m_token;
    QLineEdit *m_tokenFile;
    QLabel *m_problem;
    ConnectionSettings m_result;
};

} // namespace lmcf
