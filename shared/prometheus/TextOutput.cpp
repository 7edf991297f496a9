#include "prometheus/TextOutput.h"

#include <algorithm>

namespace lmcf {

TextOutput::TextOutput(QByteArray &target)
    : m_target(target) {
    const qsizetype size = target.size();
    m_target.resize(std::max<qsizetype>(m_target.capacity(), size + 256));
    m_begin = m_target.data();
    m_pos = m_begin + size;
    m_end = m_begin + m_target.size();
}

TextOutput::~TextOutput() {
    if (m_open)
        finish();
}

void TextOutput::finish() {
    const qsizetype written = m_pos - m_begin;
    if (written != m_target.size())
        m_target.resize(written);
    m_begin = m_target.data();
    m_pos = m_begin + written;
    m_end = m_pos;
    m_open = false;
}

void TextOutput::grow(qsizetype needed) {
    const qsizetype written = m_pos - m_begin;
    const qsizetype capacity = m_end - m_begin;
    m_target.resize(std::max(capacity * 2, written + needed + 256));
    m_begin = m_target.data();
    m_pos = m_begin + written;
    m_end = m_begin + m_target.size();
    m_open = true;
}

} // namespace lmcf
