#pragma once

#include "auth/Caller.h"
#include "core/Outcome.h"

#include <QDateTime>
#include <QFile>

#include <functional>

namespace lmcf {

//! One state-changing request, as the audit log records it.
struct AuditEntry {
    Caller caller;
    QString client; //!< client address
    QString node;   //!< node name, empty for the daemon's own resources
    QByteArray method;
    QString path;   //!< path and query as received
    int status = 0; //!< status sent to the client (0: the client left first)
};

//! `--audit-log`: appends one JSON object per line
//! `{"time":"2026-11-23T01:02:03.456Z","token":"alice","role":"operator","client":"10.0.0.9",
//!   "node":"n1","method":"POST","path":"/api/clear-cache","status":200}`
//! and flushes it, so a crash loses nothing. Disabled (every call a no-op) without a path.
class AuditLog final {
public:
    explicit AuditLog(QString path = {}, std::function<QDateTime()> clock = {});
    ~AuditLog();
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    //! Opens the file for appending; fails with a message if it cannot.
    Outcome<bool> open();
    bool isEnabled() const { return !m_path.isEmpty(); }
    void record(const AuditEntry &entry);

private:
    QString m_path;
    std::function<QDateTime()> m_clock;
    QFile m_file;
};

} // namespace lmcf
