#pragma once

#include <QByteArray>

#include <functional>

namespace lmcf::bench {

//! What the bench programs read off running processes (/proc) and their own process.
class ProcessProbe final {
public:
    //! Processes events until `condition` holds; false after `timeoutMs`.
    static bool waitFor(const std::function<bool()> &condition, int timeoutMs);
    //! Processes events for `ms`.
    static void pause(int ms);
    //! User + system CPU time of `pid` in ms (-1 when it cannot be read).
    static double cpuMs(qint64 pid);
    //! A `Vm...:` line of /proc/<pid>/status (e.g. "VmRSS:", "VmHWM:") in MiB, or -1.
    static double statusMiB(qint64 pid, const QByteArray &key);
    //! The 1, 5 and 15 minute load averages, as /proc/loadavg says them.
    static QByteArray loadAverage();
    //! Raises this process's open-file limit to its hard limit (a thousand sockets and more).
    static void raiseFileLimit();
};

} // namespace lmcf::bench
