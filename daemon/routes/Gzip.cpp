#include "routes/Gzip.h"

#include <QList>

#include <zlib.h>

namespace lmcf {

namespace {
constexpr int kGzipWindowBits = 15 + 16; // 15-bit window, gzip header and trailer
constexpr qsizetype kChunk = 64 * 1024;
} // namespace

QByteArray Gzip::compress(QByteArrayView data, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&stream, uLong(data.size()))));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    const qsizetype written = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

QByteArray Gzip::decompress(QByteArrayView data) {
    z_stream stream{};
    if (inflateInit2(&stream, kGzipWindowBits) != Z_OK)
        return {};
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    QByteArray out;
    int status = Z_OK;
    while (status == Z_OK) {
        const qsizetype before = out.size();
        out.resize(before + kChunk);
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        stream.avail_out = uInt(kChunk);
        status = inflate(&stream, Z_NO_FLUSH);
        out.truncate(before + kChunk - qsizetype(stream.avail_out));
    }
    inflateEnd(&stream);
    return status == Z_STREAM_END ? out : QByteArray();
}

bool Gzip::accepted(QByteArrayView acceptEncoding) {
    for (const QByteArray &item : acceptEncoding.toByteArray().split(',')) {
        const QList<QByteArray> parts = item.split(';');
        const QByteArray coding = parts.first().trimmed().toLower();
        if (coding != "gzip" && coding != "*")
            continue;
        bool refused = false;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts[i].trimmed().toLower();
            if (param.startsWith("q=")) {
                bool ok = false;
                refused = param.mid(2).toDouble(&ok) <= 0 || !ok;
            }
        }
        if (!refused)
            return true;
    }
    return false;
}

} // namespace lmcf
