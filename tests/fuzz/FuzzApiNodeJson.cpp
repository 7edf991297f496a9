// libFuzzer target: the GUI's readers of the daemon's node JSON and of another dashboard's
// `/api/nodes` never crash; what reads back writes and reads again to the same tree.
#include "api/ApiNodeJson.h"
#include "api/ApiNodeRequests.h"
#include "discovery/SupplierConversion.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto list = lmcf::ApiNodeJson::readNodes(bytes);
    if (list.ok()) {
        const auto again =
            lmcf::ApiNodeJson::readNodes(lmcf::ApiNodeJson::writeNodes(list->tree, list->index));
        if (!again.ok() || !(again->tree == list->tree))
            __builtin_trap();
    }
    (void)lmcf::ApiNodeJson::readProxyNodes(bytes);
    (void)lmcf::ApiNodeRequests::parseAddProxy(bytes);
    (void)lmcf::ApiNodeRequests::parseUpdate(bytes);
    const lmcf::NodeAddress proxy{QStringLiteral("http"), QStringLiteral("10.0.0.1"), 8000};
    (void)lmcf::SupplierConversion::childrenFromApiNodes(bytes, QStringLiteral("p"), proxy);
    return 0;
}
