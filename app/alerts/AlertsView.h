#pragma once

#include "alerts/AlertThresholds.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QTableView;

namespace lmcf {

class AlertModel;

//! The alerts page: editable thresholds (saved as soon as they change) and the history list.
class AlertsView final : public QWidget {
    Q_OBJECT
public:
    AlertsView(AlertModel *model, const AlertThresholds &thresholds, QWidget *parent = nullptr);
    ~AlertsView() override;

    AlertThresholds thresholds() const;

Q_SIGNALS:
    void thresholdsChanged(const lmcf::AlertThresholds &thresholds);

private:
    QCheckBox *m_nodeDown;
    QDoubleSpinBox *m_hitRate;
    QDoubleSpinBox *m_l1;
    QTableView *m_table;
};

} // namespace lmcf
