// Memory of the built-in history at 1,000 nodes × 1 h (720 rounds at the default 5 s interval),
// filled through the real HistoryRecorder. The first rounds use the full ~600-sample vLLM-mode
// fixture per node (what a real scrape costs to record); the rest only its charted families
// (what the store keeps anyway), so the hour fills in seconds. Counters grow every round.
// Also: CPU time of the store alone per round (its series replayed into a fresh store), and a
// checksum of query answers (fleet series and 50 nodes' series, every round) so that two builds
// of the store can be compared for identical answers.
//   lmcf-bench-history [nodes] [rounds]   (default: 1000 720)
#include "history/HistoryStore.h"
#include "prometheus/ChartedMetrics.h"
#include "prometheus/ExpositionParser.h"
#include "prometheus/ExpositionWriter.h"
#include "scrape/FleetScraper.h"
#include "scrape/HistoryRecorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <cstring>
#include <ctime>

using namespace lmcf;

namespace {

qint64 rssKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

//! The fixture with every counter advanced by `round` × 10, optionally only charted families.
QByteArray roundText(const Exposition &fixture, int round, bool chartedOnly) {
    Exposition copy;
    for (const MetricFamily &family : fixture.families) {
        const ChartedMetric *charted = ChartedMetrics::find(family.name);
        if (chartedOnly && !charted)
            continue;
        MetricFamily f = family;
        if (family.type == MetricType::Counter) {
            for (Sample &sample : f.samples)
                sample.value += round * 10.0;
        }
        copy.families.append(std::move(f));
    }
    return ExpositionWriter::write(copy);
}

double cpuMs() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

//! FNV-1a over names, labels, timestamps and value bits of every answered point.
void hashInto(quint64 &hash, const void *data, size_t size) {
    const auto *bytes = static_cast<const unsigned char *>(data);
    for (size_t i = 0; i < size; ++i)
        hash = (hash ^ bytes[i]) * 1099511628211ULL;
}

quint64 answerChecksum(const HistoryStore &store, int nodes, int rounds) {
    quint64 hash = 14695981039346656037ULL;
    QList<QByteArray> selectors = {R"({node="_fleet"})"};
    for (int n = 0; n < std::min(nodes, 50); ++n)
        selectors.append(QByteArray(R"({node="node-)") + QByteArray::number(n) + R"("})");
    for (const QByteArray &selector : selectors) {
        const auto answer = store.query(SeriesSelector::parse(selector).value(), 1'700'000'000'000,
                                        1'700'000'000'000 + qint64(rounds) * 5000, 5000);
        for (const HistorySeries &series : answer.value()) {
            hashInto(hash, series.name.constData(), size_t(series.name.size()));
            for (const auto &[label, value] : series.labels) {
                hashInto(hash, label.constData(), size_t(label.size()));
                hashInto(hash, value.constData(), size_t(value.size()));
            }
            for (const HistoryPoint &point : series.points) {
                hashInto(hash, &point.timestampMs, sizeof point.timestampMs);
                hashInto(hash, &point.value, sizeof point.value);
            }
        }
    }
    return hash;
}

//! CPU ms per round of the store alone: `store`'s series recorded again into a fresh store for
//! `rounds` rounds, counters (per ChartedMetrics) growing by 10 a round, the rest held.
double storeCpuMsPerRound(const HistoryStore &store, int rounds) {
    const auto all =
        store
            .query(SeriesSelector::parse(R"({__name__=~".+"})").value(), 1'700'000'000'000,
                   1'700'000'000'000 + 10'000'000'000, 10'000'000'000, 10'000'000'000)
            .value();
    HistoryStore fresh(rounds);
    const double start = cpuMs();
    for (int round = 0; round < rounds; ++round) {
        fresh.beginRound(qint64(round) * 5000);
        for (const HistorySeries &series : all) {
            const ChartedMetric *charted = ChartedMetrics::find(series.name);
            const bool counter = charted && charted->fleet == FleetAggregation::CounterIncrease;
            fresh.record(series.name, series.labels,
                         series.points.first().value + (counter ? round * 10.0 : 0));
        }
    }
    return (cpuMs() - start) / rounds;
}

FleetScrape scrapeOf(int nodes, int round, const QByteArray &text) {
    FleetScrape scrape;
    scrape.generation = round + 1;
    scrape.finishedAtMs = 1'700'000'000'000 + qint64(round) * 5000;
    for (int n = 0; n < nodes; ++n) {
        ScrapeOutcome outcome;
        outcome.node = QStringLiteral("node-%1").arg(n);
        outcome.result.status = 200;
        outcome.result.body = text;
        scrape.outcomes.append(outcome);
    }
    return scrape;
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const int nodes = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 720;
    QFile file(QStringLiteral(LMCF_BENCH_DATA_DIR "/metrics/vllm-node.prom"));
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    const auto fixture = ExpositionParser::parse(file.readAll());
    if (!fixture.ok())
        return 1;

    const qint64 rssBefore = rssKiB();
    HttpClient client;
    FleetScraper scraper(client, {});
    HistoryStore store(rounds);
    HistoryRecorder recorder(scraper, store, 5000);

    constexpr int kFullRounds = 3;
    QElapsedTimer clock;
    double fullMs = 0;
    double chartedMs = 0;
    double chartedCpuMs = 0;
    for (int round = 0; round < rounds; ++round) {
        const bool full = round < kFullRounds;
        const FleetScrape scrape = scrapeOf(nodes, round, roundText(*fixture, round, !full));
        clock.start();
        const double cpuStart = cpuMs();
        recorder.record(scrape);
        (full ? fullMs : chartedMs) += double(clock.nsecsElapsed()) / 1e6;
        if (!full)
            chartedCpuMs += cpuMs() - cpuStart;
    }
    QElapsedTimer queryClock;
    queryClock.start();
    const auto fleet = store.query(
        SeriesSelector::parse(R"(lmcache:num_retrieve_requests{node="_fleet"})").value(),
        1'700'000'000'000, 1'700'000'000'000 + qint64(rounds) * 5000, 15000);
    const double fleetQueryMs = double(queryClock.nsecsElapsed()) / 1e6;
    queryClock.start();
    const auto oneNode =
        store.query(SeriesSelector::parse(R"({node="node-7"})").value(), 1'700'000'000'000,
                    1'700'000'000'000 + qint64(rounds) * 5000, 15000);
    const double nodeQueryMs = double(queryClock.nsecsElapsed()) / 1e6;

    std::printf("history: %d nodes x %d rounds\n", nodes, rounds);
    std::printf("  record one round, full fixture (%lld samples/node): %.1f ms\n",
                qlonglong(fixture->sampleCount()), fullMs / kFullRounds);
    std::printf("  record one round, charted families only:          %.1f ms (CPU %.1f ms)\n",
                chartedMs / std::max(1, rounds - kFullRounds),
                chartedCpuMs / std::max(1, rounds - kFullRounds));
    std::printf("  series %d, dropped %lld, HistoryStore::memoryBytes %.1f MB\n",
                store.seriesCount(), qlonglong(store.droppedSeries()),
                double(store.memoryBytes()) / 1e6);
    std::printf("  process RSS %.1f MB (%.1f MB before the history)\n", double(rssKiB()) / 1024.0,
                double(rssBefore) / 1024.0);
    std::printf("  query_range 1 h step 15 s: fleet series %.2f ms (%lld points), one node's "
                "%lld series %.2f ms\n",
                fleetQueryMs,
                fleet.ok() && !fleet->isEmpty() ? qlonglong(fleet->first().points.size()) : 0LL,
                oneNode.ok() ? qlonglong(oneNode->size()) : 0LL, nodeQueryMs);
    std::printf("  answer checksum (fleet + 50 nodes, every round): %016llx\n",
                static_cast<unsigned long long>(answerChecksum(store, nodes, rounds)));
    std::printf("  store alone: CPU %.1f ms per round of %d series\n",
                storeCpuMsPerRound(store, rounds), store.seriesCount());
    return 0;
}
