#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace lmcf {

//! One Prometheus sample as the app shows and charts it.
struct MetricSample {
    QString name;
    QList<QPair<QString, QString>> labels;
    double value = 0;
    QString type; //!< family type: counter, gauge, histogram, summary, untyped

    QString label(const QString &key) const;
    //! `a="1", b="2"` (without the node label when `skipNode`).
    QString labelText(bool skipNode = false) const;
};

} // namespace lmcf
