#pragma once

#include "core/Outcome.h"

#include <QJsonValue>
#include <QString>
#include <QUrl>

namespace lmcf {

//! Where a node's HTTP API lives: scheme, host and port. Hosts are stored lower-case and bare
//! (an IPv6 literal without brackets); the bracketed form appears only in URLs and host fields.
struct NodeAddress {
    QString scheme = QStringLiteral("http");
    QString host;
    int port = 0;

    bool isIpv6() const { return host.contains(u':'); }
    //! `host:port`, IPv6 as `[::1]:port` (a Prometheus target, a map key).
    QString authority() const;
    //! `scheme://authority`, no trailing slash.
    QString baseUrl() const;
    QUrl url() const { return QUrl(baseUrl()); }
    //! The host as written in config files and API JSON: `h`, `[::1]`, `https://h` (the scheme
    //! is only spelled out when it is not http, so the original dashboard can still use it).
    QString hostField() const;

    //! Parses a host field (`name`, `10.0.0.5`, `[::1]`, `::1`, `http://h`, `https://h`) and a
    //! port. Fails with a reason (no field name) on empty hosts, paths, user info, bad IPv6 or
    //! characters that are not valid in a host name, and ports outside 1..65535.
    static Outcome<NodeAddress> parse(const QString &hostField, int port);
    //! Parses only the host part of parse(); the port is left 0.
    static Outcome<NodeAddress> parseHost(const QString &hostField);
    //! A port given as JSON: an integer or a numeric string, 1..65535. The error reads
    //! `must be an integer 1..65535, got "abc"` (the caller prefixes the field path).
    static Outcome<int> parsePort(const QJsonValue &value);
    //! Splits an API base address (`http://10.0.0.5:8085`, `https://[fd00::5]:8085/`); a missing
    //! port means the scheme's default. Fails like HeartbeatQuery::normaliseApiAddress.
    static Outcome<NodeAddress> fromApiAddress(const QString &apiAddress);

    bool operator==(const NodeAddress &other) const = default;
};

} // namespace lmcf
