#pragma once

#include <QDialog>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStringListModel;

namespace lmcf {

//! Ctrl+K: type part of a node's name, Enter jumps to the first match (arrows pick another).
class NodeJumpDialog final : public QDialog {
    Q_OBJECT
public:
    NodeJumpDialog(const QStringList &names, QWidget *parent = nullptr);
    ~NodeJumpDialog() override;

    QString chosen() const { return m_chosen; }
    void setSearchText(const QString &text);

    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_search;
    QListView *m_list;
    QStringListModel *m_names;
    QSortFilterProxyModel *m_filter;
    QString m_chosen;
};

} // namespace lmcf
