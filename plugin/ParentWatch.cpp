#include "ParentWatch.h"

#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace lmcf {

namespace {
int g_deathPipe[2] = {-1, -1};

void wakeOnParentDeath(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_deathPipe[0], &byte, 1);
}
} // namespace

ParentWatch::ParentWatch(qint64 expectedParent, int pollMs, QObject *parent)
    : QObject(parent)
    , m_expectedParent(expectedParent)
    , m_timer(new QTimer(this)) {
    m_timer->setInterval(pollMs);
    connect(m_timer, &QTimer::timeout, this, &ParentWatch::check);
}

ParentWatch::~ParentWatch() {
    if (m_deathNotifier) {
#ifdef Q_OS_LINUX
        ::prctl(PR_SET_PDEATHSIG, 0);
#endif
        ::signal(SIGUSR1, SIG_DFL);
        delete m_deathNotifier;
        ::close(g_deathPipe[0]);
        ::close(g_deathPipe[1]);
        g_deathPipe[0] = g_deathPipe[1] = -1;
    }
}

void ParentWatch::start() {
#ifdef Q_OS_LINUX
    if (!m_deathNotifier && ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_deathPipe) == 0) {
        m_deathNotifier = new QSocketNotifier(g_deathPipe[1], QSocketNotifier::Read, this);
        connect(m_deathNotifier, &QSocketNotifier::activated, this, [this] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_deathPipe[1], &byte, 1);
            check();
        });
        struct sigaction action = {};
        action.sa_handler = wakeOnParentDeath;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGUSR1, &action, nullptr);
        ::prctl(PR_SET_PDEATHSIG, SIGUSR1);
    }
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
