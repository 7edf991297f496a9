#pragma once

#include "auth/Caller.h"
#include "core/Outcome.h"

#include <QByteArray>
#include <QList>

namespace lmcf {

//! The daemon's API tokens, read from `--auth-file`. Format: one token per line,
//! `name:role:sha256hex` (role `viewer` or `operator`; `#` comments and blank lines ignored).
//! Only SHA-256 hashes are stored: tokens are 256 random bits, so a slow password hash would
//! add nothing against guessing, while a fast one keeps checking every request cheap.
class TokenStore final {
public:
    //! Reads `path`; fails naming the line on a malformed entry or an unknown role.
    static Outcome<TokenStore> load(const QString &path);
    //! Parses file contents (what load() does after reading).
    static Outcome<TokenStore> parse(const QByteArray &text);

    //! The caller a presented token belongs to; every entry is compared in constant time.
    std::optional<Caller> identify(QByteArrayView token) const;
    qsizetype size() const { return m_entries.size(); }

    //! Creates a new random token for `name` with `role`, appends its hash to `path` (created
    //! with owner-only permissions) and returns the token, which is not stored anywhere.
    static Outcome<QByteArray> addToken(const QString &path, const QString &name, Role role);
    static QByteArray hash(QByteArrayView token);

private:
    struct Entry {
        Caller caller;
        QByteArray sha256; // raw 32 bytes
    };
    QList<Entry> m_entries;
};

} // namespace lmcf
