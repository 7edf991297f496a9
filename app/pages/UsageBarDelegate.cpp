#include "pages/UsageBarDelegate.h"

#include "models/NodeStateStyle.h"

#include <QPainter>

namespace lmcf {

UsageBarDelegate::UsageBarDelegate(int ratioRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_ratioRole(ratioRole) {}

UsageBarDelegate::~UsageBarDelegate() = default;

void UsageBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    const QVariant ratioValue = index.data(m_ratioRole);
    if (!ratioValue.isValid())
        return QStyledItemDelegate::paint(painter, option, index);
    const double ratio = qBound(0.0, ratioValue.toDouble(), 1.0);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect track = option.rect.adjusted(3, 3, -3, -3);
    painter->setPen(Qt::NoPen);
    QColor trough = option.palette.color(QPalette::Mid);
    trough.setAlpha(70);
    painter->setBrush(trough);
    painter->drawRoundedRect(track, 3, 3);
    QRect filled = track;
    filled.setWidth(int(track.width() * ratio));
    QColor bar = NodeStateStyle::usageColour(ratio);
    bar.setAlpha(200);
    painter->setBrush(bar);
    painter->drawRoundedRect(filled, 3, 3);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(track.adjusted(6, 0, -6, 0), Qt::AlignCenter, text);
    painter->restore();
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width() + 16, 200));
    return size;
}

} // namespace lmcf
