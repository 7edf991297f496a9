// libFuzzer target: a registry state file from disk never crashes the daemon at start-up, and
// what decodes encodes and decodes to the same state.
#include "registry/RegistryStateFile.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto state = lmcf::RegistryStateFile::decode(bytes);
    if (!state.ok())
        return 0;
    const auto again = lmcf::RegistryStateFile::decode(lmcf::RegistryStateFile::encode(*state));
    if (!again.ok() || !(again.value() == state.value()))
        __builtin_trap();
    return 0;
}
