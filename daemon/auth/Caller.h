#pragma once

#include <QString>

#include <optional>

namespace lmcf {

//! viewer: GET/HEAD on the daemon and nodes, except sensitive node paths. operator: everything.
enum class Role { Viewer, Operator };

inline QString roleName(Role role) {
    return role == Role::Operator ? QStringLiteral("operator") : QStringLiteral("viewer");
}
inline std::optional<Role> roleFromName(const QString &name) {
    if (name == u"operator")
        return Role::Operator;
    if (name == u"viewer")
        return Role::Viewer;
    return std::nullopt;
}

//! Who made a request: the token's name and role ("anonymous" when auth is off or not needed).
struct Caller {
    QString name;
    Role role = Role::Viewer;
};

} // namespace lmcf
