#include "charts/ChartsView.h"

#include "charts/ChartPanel.h"
#include "charts/SeriesStore.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace lmcf {

ChartsView::ChartsView(SeriesStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_range(new QComboBox(this))
    , m_scope(new QLabel(this))
    , m_note(new QLabel(this))
    , m_grid(new QWidget(this)) {
    m_range->addItem(QStringLiteral("Last 5 minutes"), 5 * 60 * 1000);
    m_range->addItem(QStringLiteral("Last 15 minutes"), 15 * 60 * 1000);
    m_range->addItem(QStringLiteral("Last hour"), 60 * 60 * 1000);
    m_range->setCurrentIndex(0);
    auto *png = new QPushButton(QStringLiteral("Export PNG…"), this);
    auto *csv = new QPushButton(QStringLiteral("Export CSV…"), this);
    QFont bold = m_scope->font();
    bold.setBold(true);
    m_scope->setFont(bold);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_scope);
    bar->addWidget(m_note, 1);
    bar->addWidget(new QLabel(QStringLiteral("Range:"), this));
    bar->addWidget(m_range);
    bar->addWidget(png);
    bar->addWidget(csv);

    auto *grid = new QGridLayout(m_grid);
    grid->setContentsMargins(0, 0, 0, 0);
    const QList<ChartKind> kinds = MetricCatalog::chartKinds();
    for (int i = 0; i < kinds.size(); ++i) {
        auto *panel = new ChartPanel(kinds[i], store, m_grid);
        m_panels << panel;
        grid->addWidget(panel, i / 3, i % 3);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_grid, 1);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(1000);
    connect(&m_redrawTimer, &QTimer::timeout, this, &ChartsView::redraw);
    connect(store, &SeriesStore::changed, this, [this] {
        if (!m_redrawTimer.isActive())
            m_redrawTimer.start();
    });
    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { setRangeMs(m_range->currentData().toLongLong()); });
    connect(png, &QPushButton::clicked, this, &ChartsView::askExportPng);
    connect(csv, &QPushButton::clicked, this, &ChartsView::askExportCsv);
    setNode({});
    setRangeMs(m_range->currentData().toLongLong());
}

ChartsView::~ChartsView() = default;

void ChartsView::setNode(const QString &node) {
    m_node = node;
    m_scope->setText(node.isEmpty() ? QStringLiteral("Whole fleet") : node);
    for (ChartPanel *panel : std::as_const(m_panels))
        panel->setNode(node);
}

void ChartsView::setRangeMs(qint64 ms) {
    const int index = m_range->findData(ms);
    if (index >= 0 && index != m_range->currentIndex())
        m_range->setCurrentIndex(index); // comes back here through the signal
    for (ChartPanel *panel : std::as_const(m_panels))
        panel->setRangeMs(ms);
}

void ChartsView::setNote(const QString &text) {
    m_note->setText(text);
}

void ChartsView::redraw() {
    if (!isVisible())
        return; // hidden views redraw when shown; the store keeps the data
    for (ChartPanel *panel : std::as_const(m_panels))
        panel->refresh();
}

int ChartsView::pointCount() const {
    int count = 0;
    for (const ChartPanel *panel : m_panels)
        count += int(panel->points().size());
    return count;
}

bool ChartsView::exportPng(const QString &path) {
    for (ChartPanel *panel : std::as_const(m_panels))
        panel->refresh();
    return m_grid->grab().save(path, "PNG");
}

bool ChartsView::exportCsv(const QString &path) const {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (const ChartPanel *panel : m_panels)
        file.write(panel->csv().toUtf8() + '\n');
    return file.error() == QFile::NoError;
}

void ChartsView::askExportPng() {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export charts as PNG"),
                                                      QStringLiteral("lmcache-charts.png"),
                                                      QStringLiteral("PNG images (*.png)"));
    if (!path.isEmpty() && !exportPng(path))
        QMessageBox::warning(this, QStringLiteral("Export failed"),
                             QStringLiteral("Could not write %1.").arg(path));
}

void ChartsView::askExportCsv() {
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export charts as CSV"),
                                                      QStringLiteral("lmcache-charts.csv"),
                                                      QStringLiteral("CSV files (*.csv)"));
    if (!path.isEmpty() && !exportCsv(path))
        QMessageBox::warning(this, QStringLiteral("Export failed"),
                             QStringLiteral("Could not write %1.").arg(path));
}

} // namespace lmcf
