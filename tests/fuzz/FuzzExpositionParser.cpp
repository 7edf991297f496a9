// Any bytes: parse must not crash; whatever it accepts must survive write → parse unchanged.
#include "prometheus/ExpositionParser.h"
#include "prometheus/ExpositionWriter.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace lmcf;
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const auto format :
         {ExpositionParser::Format::Text004, ExpositionParser::Format::OpenMetrics}) {
        const auto parsed = ExpositionParser::parse(input, format);
        if (!parsed.ok()) {
            if (!parsed.error().startsWith(QStringLiteral("line ")))
                std::abort(); // every error names its line
            continue;
        }
        const QByteArray written = ExpositionWriter::write(*parsed);
        const auto again = ExpositionParser::parse(written, ExpositionParser::Format::Text004);
        if (!again.ok() || !(*again == *parsed)) {
            std::fprintf(stderr, "round trip broken: %s\n--- written:\n%s\n",
                         again.ok() ? "different exposition" : qPrintable(again.error()),
                         written.constData());
            std::abort();
        }
    }
    return 0;
}
