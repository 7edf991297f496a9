// libFuzzer target: LMCACHE_RUNTIME_PLUGIN_CONFIG parsing, the advertised address built from
// whatever it yields, and the vLLM node proxy's layout computed from it. Any input must end in a
// value or an error, never a crash or a hang.
#include "plugin/AdvertisedAddress.h"
#include "plugin/PluginConfig.h"
#include "plugin/VllmProcessLayout.h"

#include <QByteArray>
#include <QHostAddress>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto layout = lmcf::VllmProcessLayout::compute(
        {input, QStringLiteral("SCHEDULER"), QStringLiteral("3"), {}, QStringLiteral("host")});
    if (layout) {
        Q_ASSERT(!layout->processes.isEmpty());
        (void)layout->daemonArguments();
    }
    const auto config = lmcf::PluginConfig::parse(input);
    if (!config) {
        Q_ASSERT(!config.error().isEmpty());
        return 0;
    }
    const QString missing = config->missingSettings();
    static const QList<QHostAddress> interfaces = {QHostAddress(QStringLiteral("10.0.0.5")),
                                                   QHostAddress(QStringLiteral("fd00::5"))};
    const QString address = lmcf::AdvertisedAddress::build(config->reportHost, config->httpHost,
                                                           config->httpPort, interfaces);
    Q_ASSERT(address.startsWith(QStringLiteral("http://")));
    (void)missing;
    return 0;
}
