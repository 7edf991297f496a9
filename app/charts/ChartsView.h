#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;

namespace lmcf {

class ChartPanel;
class SeriesStore;

//! The charts page: hit rate, retrieve/store/lookup tokens/s, L1 usage and evictions/s for the
//! whole fleet or one node, a 5 m / 15 m / 1 h range, PNG and CSV export. Redraws at most once
//! a second when the store changes.
class ChartsView final : public QWidget {
    Q_OBJECT
public:
    explicit ChartsView(SeriesStore *store, QWidget *parent = nullptr);
    ~ChartsView() override;

    //! Empty = fleet-wide.
    void setNode(const QString &node);
    void setRangeMs(qint64 ms);
    void setNote(const QString &text);
    void redraw();
    //! Saves the whole grid as one PNG; false on a write error.
    bool exportPng(const QString &path);
    //! Saves every chart's points as one CSV (kind,time,value); false on a write error.
    bool exportCsv(const QString &path) const;
    //! Points drawn in all charts (screenshot mode waits for some).
    int pointCount() const;

private:
    void askExportPng();
    void askExportCsv();

    SeriesStore *m_store;
    QList<ChartPanel *> m_panels;
    QComboBox *m_range;
    QLabel *m_scope;
    QLabel *m_note;
    QWidget *m_grid;
    QTimer m_redrawTimer;
    QString m_node;
};

} // namespace lmcf
