#pragma once

#include <QObject>

class QSocketNotifier;

namespace lmcf {

//! Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe), so a program can
//! stop listening, flush its state and exit 0 instead of dying mid-write. One per process.
class TerminationSignals final : public QObject {
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

Q_SIGNALS:
    //! Emitted once per received signal; `signalNumber` is SIGTERM or SIGINT.
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace lmcf
