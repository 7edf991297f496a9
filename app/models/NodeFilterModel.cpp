#include "models/NodeFilterModel.h"

namespace lmcf {

NodeFilterModel::NodeFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(0);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

NodeFilterModel::~NodeFilterModel() = default;

} // namespace lmcf
