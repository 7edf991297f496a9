#pragma once

#include "core/Outcome.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QRegularExpression>

namespace lmcf {

//! Labels of one series, as ordered (name, value) pairs.
using SeriesLabels = QList<QPair<QByteArray, QByteArray>>;

//! A PromQL instant-vector selector without functions: `name`, `name{a="x",b!="y"}`,
//! `{__name__=~"lmcache:.*",node="n1"}`. Operators `=`, `!=`, `=~`, `!~` (regexes anchored, as in
//! PromQL). Anything else (functions, ranges `[5m]`, offsets, arithmetic) is refused by parse()
//! with a message that says so, rather than silently answered wrong.
class SeriesSelector final {
public:
    //! Fails with a position-precise message on anything that is not a plain selector.
    static Outcome<SeriesSelector> parse(const QByteArray &text);

    //! True when the series `name` with `labels` is selected.
    bool matches(const QByteArray &name, const SeriesLabels &labels) const;

    //! The exact metric name required, or empty when the selector does not pin one.
    QByteArray metricName() const { return m_name; }

private:
    enum class Op { Equal, NotEqual, Matches, NotMatches };
    struct Matcher {
        QByteArray label;
        Op op;
        QByteArray value;
        QRegularExpression regex;
        bool accepts(const QByteArray &actual) const;
    };

    QByteArray m_name;
    QList<Matcher> m_matchers;
    friend class SelectorParser;
};

} // namespace lmcf
