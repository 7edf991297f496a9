#include "http/RequestFraming.h"

#include <QList>

namespace lmcf {

namespace {
constexpr qint64 kMaxChunkLine = 1024;

bool hasToken(const QByteArray &value, QByteArrayView token) {
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

// Appends bytes up to and including the next '\n' to m_line; returns how many were used.
qsizetype RequestFraming::takeLine(QByteArrayView bytes, qsizetype at, qint64 cap, bool &complete,
                                   Verdict &verdict) {
    const qsizetype newline = bytes.indexOf('\n', at);
    const qsizetype end = newline < 0 ? bytes.size() : newline + 1;
    m_line.append(bytes.sliced(at, end - at));
    complete = newline >= 0;
    if (m_line.size() > cap)
        verdict = m_state == State::Head ? Verdict::HeadTooLarge : Verdict::Malformed;
    return end - at;
}

RequestFraming::Verdict RequestFraming::feed(QByteArrayView bytes,
                                             const std::function<void(const Head &)> &onHead) {
    qsizetype at = 0;
    while (at < bytes.size() && m_state != State::Broken) {
        Verdict verdict = Verdict::Fine;
        bool complete = false;
        switch (m_state) {
        case State::Head:
            // Blank lines before a request line are skipped, as Qt's parser does.
            if (m_line.isEmpty() && (bytes[at] == '\r' || bytes[at] == '\n')) {
                ++at;
                continue;
            }
            at += takeLine(bytes, at, m_limits.maxHeadBytes, complete, verdict);
            if (verdict == Verdict::Fine && complete &&
                (m_line.endsWith("\n\r\n") || m_line.endsWith("\n\n")))
                verdict = finishHead(onHead);
            break;
        case State::Body: {
            const qint64 used = qMin<qint64>(m_remaining, bytes.size() - at);
            at += used;
            m_remaining -= used;
            if (m_remaining == 0)
                m_state = State::Head;
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailer:
            at += takeLine(bytes, at, kMaxChunkLine, complete, verdict);
            if (verdict == Verdict::Fine && complete)
                verdict = chunkSizeLine();
            break;
        case State::ChunkData: {
            const qint64 used = qMin<qint64>(m_remaining, bytes.size() - at);
            at += used;
            m_remaining -= used;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::Broken:
            break;
        }
        if (verdict != Verdict::Fine) {
            m_state = State::Broken;
            return verdict;
        }
    }
    return Verdict::Fine;
}

RequestFraming::Verdict
RequestFraming::finishHead(const std::function<void(const Head &)> &onHead) {
    const QList<QByteArray> lines = m_line.split('\n');
    m_line.clear();
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 3)
        return Verdict::Malformed;
    Head head;
    head.http10 = requestLine.last() == "HTTP/1.0";
    bool sawLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (sawLength && length != head.contentLength))
                return Verdict::Malformed;
            head.contentLength = length;
            sawLength = true;
        } else if (name == "transfer-encoding") {
            head.chunked = head.chunked || value.toLower().contains("chunked");
        } else if (name == "expect") {
            head.expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name == "connection") {
            head.closeAfter = head.closeAfter || hasToken(value, "close");
        }
    }
    head.closeAfter = head.closeAfter || head.http10;
    if (!head.chunked && head.contentLength > m_limits.maxBodyBytes)
        return Verdict::BodyTooLarge;
    onHead(head);
    m_bodySoFar = 0;
    if (head.chunked) { // chunked wins over Content-Length, as in Qt's parser
        m_state = State::ChunkSize;
    } else if (head.contentLength > 0) {
        m_state = State::Body;
        m_remaining = head.contentLength;
    }
    return Verdict::Fine;
}

RequestFraming::Verdict RequestFraming::chunkSizeLine() {
    const QByteArray line = m_line.trimmed();
    m_line.clear();
    if (m_state == State::ChunkDataEnd) {
        m_state = State::ChunkSize;
        return line.isEmpty() ? Verdict::Fine : Verdict::Malformed;
    }
    if (m_state == State::Trailer) {
        if (line.isEmpty())
            m_state = State::Head;
        return Verdict::Fine;
    }
    const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
    bool ok = false;
    const qint64 size = (semicolon < 0 ? line : line.left(semicolon)).trimmed().toLongLong(&ok, 16);
    if (!ok || size < 0)
        return Verdict::Malformed;
    m_bodySoFar += size;
    if (m_bodySoFar > m_limits.maxBodyBytes)
        return Verdict::BodyTooLarge;
    if (size == 0) {
        m_state = State::Trailer;
    } else {
        m_state = State::ChunkData;
        m_remaining = size;
    }
    return Verdict::Fine;
}

} // namespace lmcf
