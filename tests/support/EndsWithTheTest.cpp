#include "EndsWithTheTest.h"

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>

namespace lmcf::test {

void endWithTheTest(QProcess &process) {
    // Runs in the child between fork and exec; the signal follows the thread that started it,
    // which in tests is the main thread, alive for the whole test.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

} // namespace lmcf::test
