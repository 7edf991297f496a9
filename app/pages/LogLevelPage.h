#pragma once

#include "pages/NodePage.h"

#include <QList>
#include <QPair>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lmcf {

//! The node's `/loglevel`: loggers and their levels in a table; an operator sets a level with
//! a combo box (`/loglevel?logger_name=X&level=Y`); a viewer token is refused by the daemon.
class LogLevelPage final : public NodePage {
    Q_OBJECT
public:
    explicit LogLevelPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~LogLevelPage() override;

    //! `=== Loggers and Levels ===` then `name: LEVEL` lines → (name, level) pairs.
    static QList<QPair<QString, QString>> parse(const QByteArray &text);
    void showLoggers(const QList<QPair<QString, QString>> &loggers);
    int loggerCount() const;

protected:
    void load() override;
    void clear() override;

private:
    void applyLevel();
    void updateControls();

    QLineEdit *m_search;
    QTableWidget *m_table;
    QComboBox *m_level;
    QPushButton *m_apply;
};

} // namespace lmcf
