#pragma once

#include "pages/NodePage.h"

#include <QJsonValue>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace lmcf {

//! A node endpoint that answers JSON (`/conf`, `/meta`, `/inference_info`) shown as a
//! searchable key/value tree. A node that does not serve the path (404, e.g. `/meta` on an
//! MP-mode server) gets a plain note instead of an error.
class JsonTreePage final : public NodePage {
    Q_OBJECT
public:
    JsonTreePage(const QString &title, const QString &path, FleetConnection *connection,
                 QWidget *parent = nullptr);
    ~JsonTreePage() override;

    void showJson(const QJsonValue &value);
    int topLevelCount() const;

protected:
    void load() override;
    void clear() override;

private:
    void addChildren(QTreeWidgetItem *parent, const QJsonValue &value);
    void applyFilter();
    bool filterItem(QTreeWidgetItem *item, const QString &needle);

    QString m_path;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
};

} // namespace lmcf
