#include "history/SeriesSelector.h"

namespace lmcf {

namespace {
bool isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
}
} // namespace

//! A small recursive-descent reader over the selector text.
class SelectorParser final {
public:
    explicit SelectorParser(const QByteArray &text)
        : m_text(text) {}

    Outcome<SeriesSelector> run() {
        SeriesSelector selector;
        skipSpace();
        selector.m_name = readName();
        skipSpace();
        if (peek() == '(')
            return fail("functions are not supported (use a plain selector; the client "
                        "computes rates)");
        if (peek() == '{' && !readMatchers(selector))
            return Outcome<SeriesSelector>::failure(m_error);
        skipSpace();
        if (m_pos < m_text.size()) {
            if (peek() == '[')
                return fail("range vectors are not supported");
            return fail("unexpected text");
        }
        if (selector.m_name.isEmpty() && selector.m_matchers.isEmpty())
            return fail("empty selector");
        for (qsizetype i = 0; i < selector.m_matchers.size(); ++i) {
            auto &m = selector.m_matchers[i];
            if (m.label == "__name__" && m.op == SeriesSelector::Op::Equal) {
                selector.m_name = m.value;
                selector.m_matchers.removeAt(i--);
            }
        }
        return Outcome<SeriesSelector>::success(std::move(selector));
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void skipSpace() {
        while (m_pos < m_text.size() && (peek() == ' ' || peek() == '\t' || peek() == '\n'))
            ++m_pos;
    }
    Outcome<SeriesSelector> fail(const char *what) {
        return Outcome<SeriesSelector>::failure(
            QStringLiteral("query: %1 at offset %2").arg(QString::fromLatin1(what)).arg(m_pos));
    }
    bool error(const char *what) {
        m_error =
            QStringLiteral("query: %1 at offset %2").arg(QString::fromLatin1(what)).arg(m_pos);
        return false;
    }
    QByteArray readName() {
        const qsizetype start = m_pos;
        if (!isNameStart(peek()))
            return {};
        while (isNameChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    bool readMatchers(SeriesSelector &selector);
    bool readMatcher(SeriesSelector &selector);
    bool readQuoted(QByteArray &into);

    QByteArray m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

bool SelectorParser::readMatchers(SeriesSelector &selector) {
    ++m_pos; // '{'
    skipSpace();
    while (peek() != '}') {
        if (!readMatcher(selector))
            return false;
        skipSpace();
        if (peek() == ',') {
            ++m_pos;
            skipSpace();
        } else if (m_pos >= m_text.size()) {
            return error("selector not closed: missing '}'");
        } else if (peek() != '}') {
            return error("expected ',' or '}'");
        }
    }
    ++m_pos;
    return true;
}

bool SelectorParser::readMatcher(SeriesSelector &selector) {
    SeriesSelector::Matcher matcher;
    matcher.label = readName();
    if (matcher.label.isEmpty())
        return error("expected a label name");
    skipSpace();
    const QByteArray rest = m_text.mid(m_pos, 2);
    if (rest.startsWith("=~")) {
        matcher.op = SeriesSelector::Op::Matches;
    } else if (rest.startsWith("!~")) {
        matcher.op = SeriesSelector::Op::NotMatches;
    } else if (rest.startsWith("!=")) {
        matcher.op = SeriesSelector::Op::NotEqual;
    } else if (rest.startsWith("=")) {
        matcher.op = SeriesSelector::Op::Equal;
    } else {
        return error("expected =, !=, =~ or !~");
    }
    m_pos += matcher.op == SeriesSelector::Op::Equal ? 1 : 2;
    skipSpace();
    if (!readQuoted(matcher.value))
        return false;
    if (matcher.op == SeriesSelector::Op::Matches || matcher.op == SeriesSelector::Op::NotMatches) {
        matcher.regex.setPattern(QStringLiteral("^(?:%1)$").arg(QString::fromUtf8(matcher.value)));
        if (!matcher.regex.isValid())
            return error("invalid regular expression");
        matcher.regex.optimize();
    }
    selector.m_matchers << matcher;
    return true;
}

bool SelectorParser::readQuoted(QByteArray &into) {
    const char quote = peek();
    if (quote != '"' && quote != '\'')
        return error("expected a quoted label value");
    ++m_pos;
    while (m_pos < m_text.size() && peek() != quote) {
        char c = m_text[m_pos++];
        if (c == '\\' && m_pos < m_text.size()) {
            c = m_text[m_pos++];
            c = c == 'n' ? '\n' : c;
        }
        into += c;
    }
    if (m_pos >= m_text.size())
        return error("label value not closed");
    ++m_pos;
    return true;
}

bool SeriesSelector::Matcher::accepts(const QByteArray &actual) const {
    switch (op) {
    case Op::Equal:
        return actual == value;
    case Op::NotEqual:
        return actual != value;
    case Op::Matches:
        return regex.match(QString::fromUtf8(actual)).hasMatch();
    case Op::NotMatches:
        return !regex.match(QString::fromUtf8(actual)).hasMatch();
    }
    return false;
}

Outcome<SeriesSelector> SeriesSelector::parse(const QByteArray &text) {
    return SelectorParser(text).run();
}

bool SeriesSelector::matches(const QByteArray &name, const SeriesLabels &labels) const {
    if (!m_name.isEmpty() && name != m_name)
        return false;
    for (const Matcher &matcher : m_matchers) {
        QByteArray actual;
        if (matcher.label == "__name__") {
            actual = name;
        } else {
            for (const auto &[label, value] : labels) {
                if (label == matcher.label) {
                    actual = value;
                    break;
                }
            }
        }
        // As in PromQL, a missing label is the empty string.
        if (!matcher.accepts(actual))
            return false;
    }
    return true;
}

} // namespace lmcf
