// libFuzzer target: `--config` / `--nodes` parsing never crashes, and whatever parses survives
// a round trip through the API's node JSON unchanged.
#include "api/ApiNodeJson.h"
#include "model/NodeConfig.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto tree = lmcf::NodeConfig::parseConfig(bytes);
    if (tree.ok()) {
        const auto back = lmcf::ApiNodeJson::readNodes(lmcf::ApiNodeJson::writeNodes(*tree, 1));
        if (!back.ok() || !(back->tree == *tree))
            __builtin_trap();
    } else if (tree.error().isEmpty()) {
        __builtin_trap();
    }
    const lmcf::NodeAddress self{QStringLiteral("http"), QStringLiteral("127.0.0.1"), 8000};
    const auto nodes = lmcf::NodeConfig::parseNodes(bytes, self);
    if (!nodes.ok() && nodes.error().isEmpty())
        __builtin_trap();
    return 0;
}
