#pragma once

class QProcess;

namespace lmcf::test {

//! Makes the program `process` starts receive SIGTERM when the test process dies, however it
//! dies (a ctest timeout's SIGKILL included). Otherwise a killed test leaves its simulators
//! heartbeating to a port that a later test's daemon may bind, and that daemon then lists them.
void endWithTheTest(QProcess &process);

} // namespace lmcf::test
