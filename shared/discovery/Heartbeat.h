#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace lmcf {

//! One heartbeat as it travels from an agent to a registry (spec §1).
struct Heartbeat {
    //! The node's HTTP API base, normalised: scheme, host, port; no trailing slash. Registry key.
    QString apiAddress;
    //! The reporting process; absent or unparsable → nullopt (shown as null).
    std::optional<qint64> pid;
    //! Free text, as reported (e.g. "0.3.9-abc1234"); may be empty.
    QString version;
    //! A JSON object as a string, kept exactly as received; may be empty.
    QString otherInfo;
};

} // namespace lmcf
