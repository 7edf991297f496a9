// Any bytes, cut into three nodes at 0xFF bytes: the merged text must always parse again and
// hold every sample that was written.
#include "prometheus/ExpositionParser.h"
#include "prometheus/MetricsMerger.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace lmcf;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<NodeText> nodes;
    const QList<QByteArray> parts = input.split('\xff');
    for (qsizetype i = 0; i < parts.size() && i < 3; ++i)
        nodes.append({QStringLiteral("n%1").arg(i), parts[i], {}});
    const MergeResult merged = MetricsMerger::mergeText(nodes);
    const auto back = ExpositionParser::parse(merged.text, ExpositionParser::Format::Text004);
    if (!back.ok() || back->sampleCount() != merged.sampleCount) {
        std::fprintf(stderr, "merged output invalid: %s\n--- merged:\n%s\n",
                     back.ok() ? "sample count differs" : qPrintable(back.error()),
                     merged.text.constData());
        std::abort();
    }
    return 0;
}
