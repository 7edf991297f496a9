#include "ProgramUnderTest.h"

#include "EndsWithTheTest.h"
#include "WaitUntil.h"

namespace lmcf::test {

ProgramUnderTest::ProgramUnderTest(QString program, QStringList arguments,
                                   QProcessEnvironment environment)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments)) {
    m_process.setProcessEnvironment(environment);
    endWithTheTest(m_process);
}

ProgramUnderTest::~ProgramUnderTest() {
    if (m_process.state() != QProcess::NotRunning)
        stop(3000);
}

bool ProgramUnderTest::start(int listeningLines, int timeoutMs) {
    m_process.start(m_program, m_arguments);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("could not start %1: %2").arg(m_program, m_process.errorString());
        return false;
    }
    const bool ready = waitUntil(
        [&] {
            drainStdout();
            return m_urls.size() >= listeningLines || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (ready && m_urls.size() >= listeningLines)
        return true;
    m_error = QStringLiteral("%1 did not report listening (%2); stderr: %3")
                  .arg(m_program,
                       m_process.state() == QProcess::NotRunning ? QStringLiteral("exited")
                                                                 : QStringLiteral("timeout"),
                       stderrText());
    return false;
}

void ProgramUnderTest::drainStdout() {
    m_partial += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(newline)).trimmed();
        m_partial.remove(0, newline + 1);
        m_lines << line;
        static const QString prefix = QStringLiteral("listening on ");
        if (line.startsWith(prefix))
            m_urls << QUrl(line.mid(prefix.size()));
    }
}

QStringList ProgramUnderTest::stdoutLines() {
    drainStdout();
    return m_lines;
}

QString ProgramUnderTest::stderrText() {
    return QString::fromUtf8(m_process.readAllStandardError());
}

int ProgramUnderTest::stop(int timeoutMs) {
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate();
    if (m_process.waitForFinished(timeoutMs))
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.kill();
    m_process.waitForFinished(timeoutMs);
    return -1;
}

} // namespace lmcf::test
