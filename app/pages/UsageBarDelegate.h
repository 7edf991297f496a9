#pragma once

#include <QStyledItemDelegate>

namespace lmcf {

//! Paints a cell's usage ratio (from `ratioRole`, 0..1) as a bar behind its text: red > 90 %,
//! yellow > 70 %, green otherwise. Cells without a ratio paint as plain text.
class UsageBarDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit UsageBarDelegate(int ratioRole, QObject *parent = nullptr);
    ~UsageBarDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_ratioRole;
};

} // namespace lmcf
