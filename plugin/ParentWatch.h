#pragma once

#include <QObject>

class QSocketNotifier;
class QTimer;

namespace lmcf {

//! Notices that the process we serve is gone, also after a SIGKILL that gave it no chance to
//! stop us (the original plugin lived on forever, spec §6). Linux: PR_SET_PDEATHSIG delivers
//! SIGUSR1 at once, which triggers the getppid() check (not SIGTERM: the kernel also sends it when
//! merely the launching *thread* exits, and the server may launch plugins from a short-lived
//! thread); everywhere: the same check runs periodically as the safety net.
class ParentWatch final : public QObject {
    Q_OBJECT
public:
    //! `expectedParent` is our parent now (getppid() at start-up).
    explicit ParentWatch(qint64 expectedParent, int pollMs = 1000, QObject *parent = nullptr);
    ~ParentWatch() override;

    //! Arms the death signal and the check; emits parentGone() at once if it is already gone.
    void start();

Q_SIGNALS:
    void parentGone();

private:
    void check();

    qint64 m_expectedParent;
    QTimer *m_timer;
    QSocketNotifier *m_deathNotifier = nullptr;
    bool m_reported = false;
};

} // namespace lmcf
