#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace lmcf::test {

//! One of our programs started for real by a test: waits for its `listening on URL` line(s),
//! keeps everything it printed, and stops it (SIGTERM, then SIGKILL) when destroyed.
class ProgramUnderTest final {
public:
    ProgramUnderTest(QString program, QStringList arguments,
                     QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());
    ~ProgramUnderTest();
    ProgramUnderTest(const ProgramUnderTest &) = delete;
    ProgramUnderTest &operator=(const ProgramUnderTest &) = delete;

    //! Starts the program and waits until it has printed `listeningLines` "listening on" lines.
    //! False (with the reason in errorText()) if it exited or timed out first.
    bool start(int listeningLines = 1, int timeoutMs = 10000);

    //! The URL of the n-th "listening on" line.
    QUrl url(int index = 0) const { return m_urls.value(index); }
    const QList<QUrl> &urls() const { return m_urls; }

    //! Every stdout line so far (reads what is pending first).
    QStringList stdoutLines();
    QString stderrText();
    QString errorText() const { return m_error; }
    QProcess &process() { return m_process; }
    qint64 pid() const { return m_process.processId(); }

    //! SIGTERM and wait; returns the exit code, or -1 if it had to be killed.
    int stop(int timeoutMs = 5000);

private:
    void drainStdout();

    QString m_program;
    QStringList m_arguments;
    QProcess m_process;
    QStringList m_lines;
    QByteArray m_partial;
    QList<QUrl> m_urls;
    QString m_error;
};

} // namespace lmcf::test
