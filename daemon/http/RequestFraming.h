#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace lmcf {

//! Follows the framing of the requests arriving on one connection (heads, Content-Length and
//! chunked bodies) without keeping bodies, so the front can refuse an oversized body before
//! Qt 6.4's server buffers it, answer `Expect: 100-continue`, and see `Connection: close` and
//! HTTP/1.0. Pure logic: fed bytes, no sockets.
class RequestFraming final {
public:
    struct Limits {
        qint64 maxBodyBytes = 64LL * 1024 * 1024;
        qint64 maxHeadBytes = 64 * 1024;
    };
    //! What one request head announced.
    struct Head {
        qint64 contentLength = 0; //!< 0 when absent
        bool chunked = false;
        bool expectContinue = false;
        bool http10 = false;
        bool closeAfter = false; //!< Connection: close, or HTTP/1.0
    };
    enum class Verdict { Fine, BodyTooLarge, HeadTooLarge, Malformed };

    explicit RequestFraming(Limits limits)
        : m_limits(limits) {}

    //! Consumes `bytes`; calls `onHead` for every complete request head, in order. Returns the
    //! first violation; after one, the stream is not followed further (the caller closes).
    Verdict feed(QByteArrayView bytes, const std::function<void(const Head &)> &onHead);

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Broken };

    Verdict finishHead(const std::function<void(const Head &)> &onHead);
    Verdict chunkSizeLine();
    qsizetype takeLine(QByteArrayView bytes, qsizetype at, qint64 cap, bool &complete,
                       Verdict &verdict);

    Limits m_limits;
    State m_state = State::Head;
    QByteArray m_line; // head or chunk-size/trailer line being assembled
    qint64 m_remaining = 0;
    qint64 m_bodySoFar = 0;
};

} // namespace lmcf
