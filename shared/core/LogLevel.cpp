#include "core/LogLevel.h"

#include <QLoggingCategory>
#include <QStringList>

namespace lmcf::LogLevel {

bool apply(const QString &level) {
    // Qt has no "error" level: error and critical both keep only qCritical.
    static const QStringList order = {QStringLiteral("debug"), QStringLiteral("info"),
                                      QStringLiteral("warning"), QStringLiteral("critical")};
    QString wanted = level.trimmed().toLower();
    if (wanted == u"error")
        wanted = QStringLiteral("critical");
    const qsizetype threshold = order.indexOf(wanted);
    if (threshold < 0)
        return false;
    QStringList rules;
    for (qsizetype i = 0; i < order.size(); ++i)
        rules << QStringLiteral("lmcf.*.%1=%2").arg(order[i], i >= threshold ? u"true" : u"false");
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
    return true;
}

} // namespace lmcf::LogLevel
