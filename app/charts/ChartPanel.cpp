#include "charts/ChartPanel.h"

#include "charts/SeriesStore.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace lmcf {

ChartPanel::ChartPanel(ChartKind kind, SeriesStore *store, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_store(store)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_series(new QLineSeries(m_chart))
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart)) {
    m_chart->setTitle(MetricCatalog::title(kind));
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_chart->addSeries(m_series);
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTitleText(QStringLiteral("time"));
    m_timeAxis->setTickCount(5);
    m_valueAxis->setTitleText(MetricCatalog::unit(kind));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_valueAxis);
    QPen pen(palette().color(QPalette::Highlight));
    pen.setWidthF(2.0);
    m_series->setPen(pen);
    connect(m_series, &QLineSeries::hovered, this, &ChartPanel::showPointTip);

    // The chart follows the system palette (light or dark).
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    m_chart->setBackgroundBrush(base);
    m_chart->setTitleBrush(text);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        QColor grid = text;
        grid.setAlpha(40);
        axis->setGridLineColor(grid);
    }

    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    refresh();
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::setNode(const QString &node) {
    m_node = node;
    refresh();
}

void ChartPanel::setRangeMs(qint64 ms) {
    m_rangeMs = ms;
    refresh();
}

void ChartPanel::refresh() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - m_rangeMs;
    // About 240 points across the chart whatever the range.
    const qint64 step = qMax<qint64>(1000, m_rangeMs / 240);
    m_points = m_store->series(m_kind, m_node, from, step);
    m_series->replace(QList<QPointF>(m_points.cbegin(), m_points.cend()));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(now));
    double top = 0;
    for (const QPointF &p : m_points)
        top = qMax(top, p.y());
    if (m_kind == ChartKind::HitRate)
        top = 100;
    else
        top = top <= 0 ? 1 : top * 1.15;
    m_valueAxis->setRange(0, top);
    m_valueAxis->applyNiceNumbers();
    // Small values need a decimal or the tick labels repeat ("0 1 1 2").
    const double shownTop = m_valueAxis->max();
    m_valueAxis->setLabelFormat(shownTop < 5    ? QStringLiteral("%.2f")
                                : shownTop < 50 ? QStringLiteral("%.1f")
                                                : QStringLiteral("%.0f"));
    m_chart->setTitle(MetricCatalog::title(m_kind) +
                      (m_points.isEmpty() ? QStringLiteral("  (waiting for data)") : QString()));
}

void ChartPanel::showPointTip(const QPointF &point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QString time =
        QDateTime::fromMSecsSinceEpoch(qint64(point.x())).toString(QStringLiteral("HH:mm:ss"));
    QToolTip::showText(QCursor::pos(),
                       QStringLiteral("%1\n%2 %3")
                           .arg(time)
                           .arg(point.y(), 0, 'f', 2)
                           .arg(MetricCatalog::unit(m_kind)),
                       this);
}

QString ChartPanel::csv() const {
    QString text = QStringLiteral("time,%1 (%2)\n")
                       .arg(MetricCatalog::title(m_kind), MetricCatalog::unit(m_kind));
    for (const QPointF &p : m_points) {
        text += QDateTime::fromMSecsSinceEpoch(qint64(p.x())).toUTC().toString(Qt::ISODate) + u',' +
                QString::number(p.y(), 'g', 10) + u'\n';
    }
    return text;
}

} // namespace lmcf
