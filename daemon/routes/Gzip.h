#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace lmcf {

//! gzip (RFC 1952) bodies for `Content-Encoding: gzip`, over zlib.
class Gzip final {
public:
    //! `data` as one gzip member. Level 1 by default: a merged /metrics of 1,000 nodes is tens
    //! of MB, and level 1 already shrinks exposition text about 10×.
    static QByteArray compress(QByteArrayView data, int level = 1);
    //! The data of a gzip member, or an empty array when `data` is not valid gzip.
    static QByteArray decompress(QByteArrayView data);
    //! True when an `Accept-Encoding` header value accepts gzip (`gzip`, `*`, without `q=0`).
    static bool accepted(QByteArrayView acceptEncoding);
};

} // namespace lmcf
