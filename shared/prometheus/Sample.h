#pragma once

#include <QByteArray>
#include <QList>

#include <cmath>
#include <optional>

namespace lmcf {

//! One label of a sample: a name and its unescaped value.
struct Label {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const Label &, const Label &) = default;
};

//! One sample line: full sample name (with `_bucket`/`_sum`/`_count`/`_total` as written),
//! labels, value, optional timestamp in milliseconds since the epoch.
//!
//! Labels are kept as one canonical text, exactly as text 0.0.4 writes them between the
//! braces: `a="x",b="say \"hi\"\n"` (input order, values escaped with `\\` `\"` `\n`, no
//! blanks, no trailing comma; empty when there are no labels). One allocation per sample
//! instead of one per label, a memcpy to write it out, and it is a ready-made series key
//! (equal texts ⇔ equal label lists). Use labels()/label()/setLabels() to work with pairs.
struct Sample {
    QByteArray name;
    QByteArray labelText;
    double value = 0;
    std::optional<qint64> timestampMs;

    //! The labels, decoded, in order. Tolerates a malformed labelText (stops at the damage).
    QList<Label> labels() const;
    //! The unescaped value of label `name`, or nullopt.
    std::optional<QByteArray> label(QByteArrayView name) const;
    bool hasLabel(QByteArrayView name) const;
    //! The value of label `name` as written (still escaped), without allocating, or nullopt.
    std::optional<QByteArrayView> escapedLabel(QByteArrayView name) const;
    //! Replaces all labels (values are escaped here; names are taken as they are).
    void setLabels(const QList<Label> &labels);

    //! The canonical text of `labels`.
    static QByteArray encodeLabels(const QList<Label> &labels);
    //! Undoes label value escaping (`\\`, `\"`, `\n`; any other backslash is kept).
    static QByteArray unescapeValue(QByteArrayView escaped);

    //! Values compare equal when both are NaN, so round trips can be checked with ==.
    friend bool operator==(const Sample &a, const Sample &b) {
        const bool sameValue = a.value == b.value || (std::isnan(a.value) && std::isnan(b.value));
        return sameValue && a.name == b.name && a.labelText == b.labelText &&
               a.timestampMs == b.timestampMs;
    }
};

} // namespace lmcf
