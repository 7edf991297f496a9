#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace lmcf {

//! A value or a human-readable error: what every parser and client in shared/ returns.
//! Never throws. `value()` on a failed Outcome is a programming error (asserts in debug).
template <typename T> class Outcome final {
public:
    static Outcome success(T value) { return Outcome(std::move(value), {}); }
    static Outcome failure(QString error) { return Outcome(std::nullopt, std::move(error)); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & {
        Q_ASSERT(ok());
        return *m_value;
    }
    T &value() & {
        Q_ASSERT(ok());
        return *m_value;
    }
    T &&value() && {
        Q_ASSERT(ok());
        return std::move(*m_value);
    }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    //! Empty when ok().
    const QString &error() const { return m_error; }

private:
    Outcome(std::optional<T> value, QString error)
        : m_value(std::move(value))
        , m_error(std::move(error)) {}

    std::optional<T> m_value;
    QString m_error;
};

} // namespace lmcf
