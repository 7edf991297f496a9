#pragma once

#include <QByteArray>

#include <cstring>

namespace lmcf {

//! Appends text to a QByteArray through a raw cursor: one capacity check and a memcpy per
//! piece, instead of QByteArray::append's detach and bookkeeping. Writing a merged /metrics
//! is hundreds of thousands of small appends, so this matters. The target holds exactly the
//! written text again once finish() is called or the TextOutput is destroyed (after finish()
//! the destructor leaves the target alone, so the target may be moved away first).
class TextOutput final {
public:
    explicit TextOutput(QByteArray &target);
    ~TextOutput();
    TextOutput(const TextOutput &) = delete;
    TextOutput &operator=(const TextOutput &) = delete;

    void append(const char *data, qsizetype size) {
        if (m_end - m_pos < size)
            grow(size);
        std::memcpy(m_pos, data, size_t(size));
        m_pos += size;
    }
    void append(QByteArrayView text) { append(text.data(), text.size()); }
    void append(const QByteArray &text) { append(text.constData(), text.size()); }
    template <qsizetype N> void append(const char (&literal)[N]) { append(literal, N - 1); }
    void append(char c) {
        if (m_pos == m_end)
            grow(1);
        *m_pos++ = c;
    }
    //! Makes room for `size` more bytes without writing them.
    void reserve(qsizetype size) {
        if (m_end - m_pos < size)
            grow(size);
    }
    //! Trims the target to the text written so far (also done by the destructor).
    void finish();

private:
    void grow(qsizetype needed);

    QByteArray &m_target;
    char *m_begin = nullptr;
    char *m_pos = nullptr;
    char *m_end = nullptr;
    bool m_open = true; // false between finish() and the next growth
};

} // namespace lmcf
