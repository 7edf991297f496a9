#pragma once

#include <QStringList>

class QTableWidget;

namespace lmcf {

//! Sets `table` up as a node page's list of records: the given columns, no row numbers, not
//! editable, one whole row selected at a time, alternating row colours. Sorting and column
//! sizing stay with the page.
void setUpRecordTable(QTableWidget *table, const QStringList &columns);

} // namespace lmcf
