#include "ParentWatch.h"

#include <QTimer>

#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace lmcf {

ParentWatch::ParentWatch(qint64 expectedParent, int pollMs, QObject *parent)
    : QObject(parent)
    , m_expectedParent(expectedParent)
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(pollMs);
    connect(m_timer, &QTimer::timeout, this, &ParentWatch::check);
}

ParentWatch::~ParentWatch() = default;

void ParentWatch::start() {
#ifdef Q_OS_LINUX
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    m_timer->start();
    // The parent may have died before prctl() took effect: look once right away.
    check();
}

void ParentWatch::check() {
    if (m_reported || qint64(::getppid()) == m_expectedParent)
        return;
    m_reported = true;
    m_timer->stop();
    Q_EMIT parentGone();
}

} // namespace lmcf
