#pragma once

#include "pages/NodePage.h"

#include <QJsonArray>

class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace lmcf {

//! The node's `/threads`: a table (id, name, state, function) and the selected thread's stack.
class ThreadsPage final : public NodePage {
    Q_OBJECT
public:
    explicit ThreadsPage(FleetConnection *connection, QWidget *parent = nullptr);
    ~ThreadsPage() override;

    void showThreads(const QJsonArray &threads);
    int threadCount() const;

protected:
    void load() override;
    void clear() override;

private:
    void showStack();
    void applyFilter();

    QLineEdit *m_search;
    QTableWidget *m_table;
    QPlainTextEdit *m_stack;
    QJsonArray m_threads;
};

} // namespace lmcf
