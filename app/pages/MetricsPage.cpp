#include "pages/MetricsPage.h"

#include "charts/HistoryLoader.h"
#include "fleet/FleetConnection.h"
#include "fleet/MetricText.h"
#include "models/MetricsTableModel.h"
#include "net/DaemonClient.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <limits>

namespace lmcf {

MetricsPage::MetricsPage(FleetConnection *connection, QWidget *parent)
    : NodePage(QStringLiteral("Metrics"), connection, parent)
    , m_model(new MetricsTableModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_chart(new QChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_series(new QLineSeries(m_chart))
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart)) {
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setSortRole(MetricsTableModel::SortRole);
    m_search->setPlaceholderText(QStringLiteral("Search name or labels…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);

    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MetricsTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(MetricsTableModel::Name,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MetricsTableModel::Labels,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(MetricsTableModel::Value,
                                                      QHeaderView::ResizeToContents);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MetricsPage::onSelectionChanged);

    m_chart->legend()->hide();
    m_chart->addSeries(m_series);
    m_chart->setTitle(QStringLiteral("Select a series to chart it"));
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTitleText(QStringLiteral("time"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_series->attachAxis(m_timeAxis);
    m_series->attachAxis(m_valueAxis);
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setTitleBrush(palette().color(QPalette::Text));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsBrush(palette().color(QPalette::Text));
        axis->setTitleBrush(palette().color(QPalette::Text));
    }
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(180);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_count);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(searchRow);
    topLayout->addWidget(m_table);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_chartView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({420, 300});
    contentLayout()->addWidget(splitter);

    m_autoRefresh.setInterval(5000);
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] {
        if (isVisible() && isSettled())
            reload();
    });
    m_autoRefresh.start();
}

MetricsPage::~MetricsPage() = default;

void MetricsPage::clear() {
    m_model->setSamples({});
    m_selectedKey.clear();
    m_history.clear();
    redrawChart();
}

void MetricsPage::load() {
    get(QStringLiteral("metrics"), [this](const DaemonReply &reply) {
        if (!reply.ok()) {
            showReplyProblem(reply, QStringLiteral("Metrics unavailable"));
            return;
        }
        showText(reply.body);
        showReady(QStringLiteral("%1 series, %2 ms").arg(m_model->rowCount()).arg(reply.elapsedMs));
    });
}

void MetricsPage::showText(const QByteArray &text) {
    const MetricText::Parsed parsed = MetricText::parse(text);
    m_model->setSamples(parsed.samples);
    m_count->setText(parsed.skippedLines > 0
                         ? QStringLiteral("%1 series (%2 lines unreadable)")
                               .arg(parsed.samples.size())
                               .arg(parsed.skippedLines)
                         : QStringLiteral("%1 series").arg(parsed.samples.size()));
    recordSelected();
}

void MetricsPage::selectSeries(const QString &needle) {
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(MetricsTableModel::SeriesKeyRole).toString().contains(needle)) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
            return;
        }
    }
}

void MetricsPage::onSelectionChanged() {
    const QModelIndex current = m_table->currentIndex();
    const QString key = current.data(MetricsTableModel::SeriesKeyRole).toString();
    if (key == m_selectedKey)
        return;
    m_selectedKey = key;
    m_history.clear();
    recordSelected();
    for (const MetricSample &sample : m_model->samples()) {
        if (MetricsTableModel::seriesKey(sample) == key) {
            loadHistory(sample);
            break;
        }
    }
}

void MetricsPage::recordSelected() {
    if (m_selectedKey.isEmpty())
        return redrawChart();
    for (const MetricSample &sample : m_model->samples()) {
        if (MetricsTableModel::seriesKey(sample) != m_selectedKey)
            continue;
        m_selectedIsCounter = sample.type == QLatin1String("counter") ||
                              sample.name.endsWith(QLatin1String("_total"));
        m_history.push_back({QDateTime::currentMSecsSinceEpoch(), sample.value});
        if (m_history.size() > 720)
            m_history.removeFirst();
        break;
    }
    redrawChart();
}

void MetricsPage::loadHistory(const MetricSample &sample) {
    QString selector = sample.name + QStringLiteral("{node=\"") + node() + u'"';
    for (const auto &label : sample.labels) {
        QString value = label.second;
        value.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        selector += u',' + label.first + QStringLiteral("=\"") + value + u'"';
    }
    selector += u'}';
    const qint64 end = QDateTime::currentSecsSinceEpoch();
    const QString key = m_selectedKey;
    connection()->client()->queryRange(
        selector, end - 600, end, 5, this, [this, key](const DaemonReply &reply) {
            if (!reply.ok() || key != m_selectedKey)
                return; // no history on this daemon: the chart fills live
            const auto matrix = HistoryLoader::readMatrix(reply.json, nullptr);
            const QMap<qint64, double> points = matrix.value(node());
            const qint64 firstLive =
                m_history.isEmpty() ? std::numeric_limits<qint64>::max() : m_history.first().ms;
            QVector<TimedValue> past;
            for (auto it = points.cbegin(); it != points.cend() && it.key() < firstLive; ++it)
                past.push_back({it.key(), it.value()});
            m_history = past + m_history;
            redrawChart();
        });
}

void MetricsPage::redrawChart() {
    QList<QPointF> points;
    for (qsizetype i = 0; i < m_history.size(); ++i) {
        if (!m_selectedIsCounter) {
            points << QPointF(m_history[i].ms, m_history[i].value);
        } else if (i > 0) {
            const double dt = (m_history[i].ms - m_history[i - 1].ms) / 1000.0;
            const double dv = m_history[i].value - m_history[i - 1].value;
            if (dt > 0)
                points << QPointF(m_history[i].ms, (dv >= 0 ? dv : m_history[i].value) / dt);
        }
    }
    m_series->replace(points);
    if (m_selectedKey.isEmpty()) {
        m_chart->setTitle(QStringLiteral("Select a series to chart it"));
    } else {
        m_chart->setTitle(
            m_selectedKey +
            (m_selectedIsCounter ? QStringLiteral("  (rate per second)") : QString()) +
            (points.size() < 2 ? QStringLiteral("  — collecting samples every 5 s") : QString()));
    }
    m_valueAxis->setTitleText(m_selectedIsCounter ? QStringLiteral("per second")
                                                  : QStringLiteral("value"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = m_history.isEmpty() ? now - 60000 : qMin(m_history.first().ms, now - 60000);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(now));
    double low = 0;
    double high = 1;
    for (const QPointF &p : points) {
        low = qMin(low, p.y());
        high = qMax(high, p.y() * 1.15);
    }
    m_valueAxis->setRange(low, high);
    m_valueAxis->applyNiceNumbers();
}

} // namespace lmcf
