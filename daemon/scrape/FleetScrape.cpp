#include "scrape/FleetScrape.h"

#include "prometheus/ExpositionParser.h"

namespace lmcf {

ScrapedNode FleetScrape::read(const ScrapeOutcome &outcome) {
    ScrapedNode node;
    node.node = outcome.node;
    node.proxy = outcome.proxy;
    node.seconds = double(outcome.result.elapsedMs) / 1000.0;
    if (!outcome.result.ok()) {
        node.error = outcome.result.error.isEmpty()
                         ? QStringLiteral("HTTP status %1").arg(outcome.result.status)
                         : outcome.result.error;
        return node;
    }
    const auto format =
        ExpositionParser::formatFromContentType(outcome.result.header("Content-Type"));
    auto parsed = ExpositionParser::parse(outcome.result.body, format);
    if (!parsed) {
        node.error = QStringLiteral("unparsable metrics: %1").arg(parsed.error());
        return node;
    }
    node.up = true;
    node.exposition = std::move(parsed).value();
    return node;
}

} // namespace lmcf
