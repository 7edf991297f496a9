#include "pages/RecordTable.h"

#include <QHeaderView>
#include <QTableWidget>

namespace lmcf {

void setUpRecordTable(QTableWidget *table, const QStringList &columns) {
    table->setColumnCount(int(columns.size()));
    table->setHorizontalHeaderLabels(columns);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
}

} // namespace lmcf
