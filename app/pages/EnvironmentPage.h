#pragma once

#include "pages/NodePage.h"

#include <QJsonObject>

class QCheckBox;
class QLineEdit;
class QTableWidget;

namespace lmcf {

//! The node's `/env` as a table. Values whose names look secret (KEY, TOKEN, SECRET,
//! PASSWORD, CREDENTIAL, ...) are masked; revealing them asks for confirmation and is not
//! offered to a viewer token.
class EnvironmentPage final : public NodePage {
    Q_OBJECT
public:
    explicit EnvironmentPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~EnvironmentPage() override;

    //! True for variable names that usually hold secrets.
    static bool isSecretName(const QString &name);
    void showEnvironment(const QJsonObject &environment);
    //! The value cell as shown (masked or not), for tests.
    QString shownValue(const QString &name) const;
    int variableCount() const;

protected:
    void load() override;
    void clear() override;

private:
    void fillTable();
    void onRevealToggled(bool on);
    void updateControls();

    QLineEdit *m_search;
    QCheckBox *m_reveal;
    QTableWidget *m_table;
    QJsonObject m_environment;
};

} // namespace lmcf
