#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace lmcf {

//! The value every HTTP call in LMCache Fleet ends with: an HTTP status (0 when no answer came),
//! an error text (empty when the transfer worked, whatever the status), and the body.
struct HttpResult {
    int status = 0;
    QString error;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;
    bool timedOut = false;

    //! True for a completed transfer with a 2xx status.
    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }

    //! The first header of that name (case-insensitive), or empty.
    QByteArray header(QByteArrayView name) const {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

} // namespace lmcf
