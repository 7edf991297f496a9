#include "alerts/AlertsView.h"

#include "models/AlertModel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lmcf {

AlertsView::AlertsView(AlertModel *model, const AlertThresholds &thresholds, QWidget *parent)
    : QWidget(parent)
    , m_nodeDown(new QCheckBox(QStringLiteral("Node down"), this))
    , m_hitRate(new QDoubleSpinBox(this))
    , m_l1(new QDoubleSpinBox(this))
    , m_table(new QTableView(this)) {
    m_nodeDown->setChecked(thresholds.nodeDown);
    for (QDoubleSpinBox *box : {m_hitRate, m_l1}) {
        box->setRange(0, 100);
        box->setDecimals(0);
        box->setSuffix(QStringLiteral(" %"));
    }
    m_hitRate->setValue(thresholds.hitRateBelow * 100);
    m_l1->setValue(thresholds.l1UsageAbove * 100);

    auto *rules = new QGroupBox(QStringLiteral("Alert when"), this);
    auto *rulesLayout = new QHBoxLayout(rules);
    rulesLayout->addWidget(m_nodeDown);
    rulesLayout->addSpacing(24);
    rulesLayout->addWidget(new QLabel(QStringLiteral("Hit rate below"), this));
    rulesLayout->addWidget(m_hitRate);
    rulesLayout->addSpacing(24);
    rulesLayout->addWidget(new QLabel(QStringLiteral("L1 usage above"), this));
    rulesLayout->addWidget(m_l1);
    rulesLayout->addStretch(1);
    auto *clear = new QPushButton(QStringLiteral("Clear history"), this);
    rulesLayout->addWidget(clear);

    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(rules);
    layout->addWidget(m_table, 1);

    const auto changed = [this] { Q_EMIT thresholdsChanged(this->thresholds()); };
    connect(m_nodeDown, &QCheckBox::toggled, this, changed);
    connect(m_hitRate, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_l1, &QDoubleSpinBox::valueChanged, this, changed);
    connect(clear, &QPushButton::clicked, model, &AlertModel::clear);
}

AlertsView::~AlertsView() = default;

AlertThresholds AlertsView::thresholds() const {
    AlertThresholds t;
    t.nodeDown = m_nodeDown->isChecked();
    t.hitRateBelow = m_hitRate->value() / 100.0;
    t.l1UsageAbove = m_l1->value() / 100.0;
    return t;
}

} // namespace lmcf
