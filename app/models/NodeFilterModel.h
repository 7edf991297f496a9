#pragma once

#include <QSortFilterProxyModel>

namespace lmcf {

//! Filters the node tree by a case-insensitive substring of the node name, keeping the
//! parents of matching nodes.
class NodeFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit NodeFilterModel(QObject *parent = nullptr);
    ~NodeFilterModel() override;
};

} // namespace lmcf
