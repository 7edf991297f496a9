#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace lmcf {

//! Where a shared registry lives, from `--registry etcd://HOST:PORT[,HOST:PORT...]/prefix`.
//! Each host is a name, an IPv4 address or a bracketed IPv6 address; the port defaults to
//! 2379. The prefix is the path (default `/lmcache-fleet`), without a trailing slash.
struct EtcdLocation {
    static constexpr quint16 defaultPort = 2379;

    //! `http://host:port` of each listed member, in the order given (tried in that order).
    QList<QUrl> endpoints;
    //! Key prefix such as `/lmcache-fleet`: starts with `/`, never ends with one.
    QByteArray prefix;

    //! Parses the flag's value. Fails with a message naming the bad part (scheme, the n-th
    //! host, port, prefix character); never throws.
    static Outcome<EtcdLocation> parse(const QString &text);

    //! The canonical `etcd://h:p,h:p/prefix` form.
    QString toString() const;

    bool operator==(const EtcdLocation &other) const = default;
};

} // namespace lmcf
