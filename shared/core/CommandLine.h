#pragma once

#include <QCommandLineParser>
#include <QString>

namespace lmcf {

//! What every program shares on its command line: application name/version, --help, --version,
//! and the one "listening on" line that scripts and tests wait for.
namespace CommandLine {

//! Sets the application name and version and adds --help/--version to `parser`.
void setUp(QCommandLineParser &parser, const QString &programName, const QString &description);

//! Prints exactly `listening on http://HOST:PORT` (or https) on stdout and flushes it.
void announceListening(const QString &host, quint16 port, bool tls = false);

} // namespace CommandLine
} // namespace lmcf
