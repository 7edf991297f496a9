#include "pages/NodeView.h"

#include "charts/ChartsView.h"
#include "fleet/FleetConnection.h"
#include "pages/ClearCachePage.h"
#include "pages/EnvironmentPage.h"
#include "pages/JsonTreePage.h"
#include "pages/LogLevelPage.h"
#include "pages/MetricsPage.h"
#include "pages/OverviewPage.h"
#include "pages/ThreadsPage.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace lmcf {

NodeView::NodeView(FleetConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_tabs(new QTabWidget(this))
    , m_charts(new ChartsView(connection->store(), this))
    , m_clearCache(new ClearCachePage(connection, this)) {
    auto *overview = new OverviewPage(connection, this);
    auto *config =
        new JsonTreePage(QStringLiteral("Config"), QStringLiteral("conf"), connection, this);
    auto *meta = new JsonTreePage(QStringLiteral("Meta"), QStringLiteral("meta"), connection, this);
    config->enableNamesQuery();
    meta->enableNamesQuery();
    m_pages << overview << new MetricsPage(connection, this);
    m_pages << new ThreadsPage(connection, this) << new LogLevelPage(connection, this) << config
            << meta
            << new JsonTreePage(QStringLiteral("Inference"), QStringLiteral("inference_info"),
                                connection, this)
            << new EnvironmentPage(connection, this) << m_clearCache;
    for (NodePage *page : std::as_const(m_pages)) {
        m_tabs->addTab(page, page->title());
        if (page == m_pages[1])
            m_tabs->addTab(m_charts, QStringLiteral("Charts"));
    }
    m_tabs->setDocumentMode(true);
    // A process inside vLLM has no clear-cache endpoint: its tab goes away (spec §3b).
    connect(overview, &OverviewPage::vllmProcessDetected, this,
            [this](bool vllm) { m_tabs->setTabVisible(m_tabs->indexOf(m_clearCache), !vllm); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, &NodeView::onTabChanged);
}

NodeView::~NodeView() = default;

void NodeView::setNode(const QString &node) {
    if (node == m_node)
        return;
    m_node = node;
    m_charts->setNode(node);
    // Every page knows the node (so actions name it); only the visible one loads now.
    for (NodePage *page : std::as_const(m_pages))
        page->setNode(node, page == m_tabs->currentWidget());
}

void NodeView::showTab(int index) {
    m_tabs->setCurrentIndex(index);
    onTabChanged(index);
}

void NodeView::onTabChanged(int index) {
    auto *page = qobject_cast<NodePage *>(m_tabs->widget(index));
    if (!page) {
        m_charts->redraw();
        return;
    }
    page->ensureLoaded();
}

void NodeView::reloadCurrent() {
    if (auto *page = qobject_cast<NodePage *>(m_tabs->currentWidget()))
        page->reload();
    else
        m_charts->redraw();
}

} // namespace lmcf
