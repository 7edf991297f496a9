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
    //! Adds a "Keys" field whose comma-separated names the node filters by (`?names=a,b`, as
    //! `/conf` and `/meta` of vLLM-mode instances do); Return reloads.
    void enableNamesQuery();
    QLineEdit *namesField() const { return m_names; }
    //! The node path the next load asks for (with `?names=` when keys are given).
    QString requestPath() const;

protected:
    void load() override;
    void clear() override;

private:
    void addChildren(QTreeWidgetItem *parent, const QJsonValue &value);
    void applyFilter();
    bool filterItem(QTreeWidgetItem *item, const QString &needle);

    QString m_path;
    QLineEdit *m_search;
    QLineEdit *m_names = nullptr;
    QTreeWidget *m_tree;
};

} // namespace lmcf
