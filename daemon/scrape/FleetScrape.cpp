#include "scrape/FleetScrape.h"

#include "prometheus/ExpositionParser.h"

namespace lmcf {

ScrapedNode FleetScrape::read(const ScrapeOutcome &outcome) {
    ScrapedNode node;
    node.node = outcome.node;
    node.proxy = outcome.proxy;
    node.seconds = double(outcome.result.elapsedMs) / 1000.0;
    node.error = failure(outcome);
    if (!node.error.isEmpty())
        return node;
    auto parsed = parse(outcome);
    if (!parsed) {
        node.error = parsed.error();
        return node;
    }
    node.up = true;
    node.exposition = std::move(parsed).value();
    return node;
}

QString FleetScrape::failure(const ScrapeOutcome &outcome) {
    if (outcome.result.ok())
        return {};
    return outcome.result.error.isEmpty()
               ? QStringLiteral("HTTP status %1").arg(outcome.result.status)
               : outcome.result.error;
}

Outcome<Exposition> FleetScrape::parse(const ScrapeOutcome &outcome) {
    const auto format =
        ExpositionParser::formatFromContentType(outcome.result.header("Content-Type"));
    auto parsed = ExpositionParser::parse(outcome.result.body, format);
    if (!parsed)
        return Outcome<Exposition>::failure(
            QStringLiteral("unparsable metrics: %1").arg(parsed.error()));
    return parsed;
}

} // namespace lmcf
