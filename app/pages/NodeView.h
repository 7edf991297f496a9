#pragma once

#include <QList>
#include <QWidget>

class QTabWidget;

namespace lmcf {

class ChartsView;
class ClearCachePage;
class FleetConnection;
class NodePage;

//! Every page of one node in tabs (Overview, Metrics, Charts, Threads, Log levels, Config,
//! Meta, Inference, Environment, Clear cache). Only the visible page loads; the others load
//! when first shown for the current node.
class NodeView final : public QWidget {
    Q_OBJECT
public:
    explicit NodeView(FleetConnection *connection, QWidget *parent = nullptr);
    ~NodeView() override;

    void setNode(const QString &node);
    const QString &node() const { return m_node; }
    //! Reloads the visible page (F5).
    void reloadCurrent();

    QTabWidget *tabs() const { return m_tabs; }
    const QList<NodePage *> &pages() const { return m_pages; }
    ChartsView *charts() const { return m_charts; }
    ClearCachePage *clearCachePage() const { return m_clearCache; }
    //! Shows tab `index` (and loads it for the current node).
    void showTab(int index);

private:
    void onTabChanged(int index);

    FleetConnection *m_connection;
    QTabWidget *m_tabs;
    QList<NodePage *> m_pages;
    ChartsView *m_charts;
    ClearCachePage *m_clearCache;
    QString m_node;
};

} // namespace lmcf
