#include "models/NodeStateStyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace lmcf::NodeStateStyle {

QColor colour(const QString &state) {
    if (state == QLatin1String("alive"))
        return QColor(0x2e, 0xa0, 0x43);
    if (state == QLatin1String("suspect"))
        return QColor(0xe0, 0x8a, 0x00);
    if (state == QLatin1String("down"))
        return QColor(0xd0, 0x30, 0x30);
    if (state == QLatin1String("static"))
        return QColor(0x3d, 0x7e, 0xc9);
    return QColor(0x90, 0x90, 0x90);
}

QIcon icon(const QString &state) {
    static QHash<QString, QIcon> cache;
    if (auto it = cache.constFind(state); it != cache.cend())
        return *it;
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour(state).darker(130));
    painter.setBrush(colour(state));
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    painter.end();
    const QIcon result(pixmap);
    cache.insert(state, result);
    return result;
}

QString label(const QString &state) {
    return state.isEmpty() ? QStringLiteral("unknown") : state;
}

QColor usageColour(double ratio) {
    if (ratio > 0.9)
        return QColor(0xd0, 0x30, 0x30);
    if (ratio > 0.7)
        return QColor(0xe6, 0xb4, 0x00);
    return QColor(0x2e, 0xa0, 0x43);
}

} // namespace lmcf::NodeStateStyle
