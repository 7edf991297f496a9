// Parse + merge of a fleet's /metrics: 100 nodes, each a varied copy of the vLLM-mode fixture.
#include "prometheus/ExpositionParser.h"
#include "prometheus/ExpositionWriter.h"
#include "prometheus/MetricsMerger.h"

#include <QFile>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>

using namespace lmcf;

namespace {

constexpr int kNodes = 100;

const char *kModels[] = {"meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct",
                         "mistralai/Mistral-7B-Instruct-v0.3"};

Exposition loadFixture() {
    QFile file(QStringLiteral(LMCF_BENCH_DATA_DIR "/metrics/vllm-node.prom"));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
    auto parsed = ExpositionParser::parse(file.readAll());
    if (!parsed.ok()) {
        std::fprintf(stderr, "fixture does not parse: %s\n", qPrintable(parsed.error()));
        std::exit(1);
    }
    return std::move(parsed).value();
}

// Each node gets its own model, worker ids and values, so nothing is trivially shared.
QByteArray nodeText(const Exposition &fixture, int node) {
    Exposition copy = fixture;
    for (MetricFamily &family : copy.families) {
        for (Sample &sample : family.samples) {
            QList<Label> labels = sample.labels();
            for (Label &label : labels) {
                if (label.name == "model_name")
                    label.value = kModels[node % 3];
                else if (label.name == "worker_id")
                    label.value = QByteArray::number(node * 8 + label.value.toInt());
            }
            sample.setLabels(labels);
            if (!sample.name.endsWith("_bucket") && !sample.name.endsWith("_count"))
                sample.value = sample.value * (1.0 + node * 0.013) + node * 0.5;
        }
    }
    return ExpositionWriter::write(copy);
}

struct Fleet {
    QList<QByteArray> texts;
    QList<NodeExposition> parsed;
    qsizetype samples = 0;
    qsizetype bytes = 0;

    Fleet() {
        const Exposition fixture = loadFixture();
        for (int node = 0; node < kNodes; ++node) {
            texts.append(nodeText(fixture, node));
            bytes += texts.back().size();
            parsed.append({QStringLiteral("gpu-node-%1").arg(node),
                           ExpositionParser::parse(texts.back()).value()});
            samples += parsed.back().exposition.sampleCount();
        }
    }
};

const Fleet &fleet() {
    static const Fleet instance;
    return instance;
}

void report(benchmark::State &state, qsizetype samples, qsizetype bytes) {
    state.counters["per_sample"] =
        benchmark::Counter(double(samples) * double(state.iterations()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    state.counters["samples"] = double(samples);
    state.SetBytesProcessed(int64_t(bytes) * state.iterations());
}

void parseOnly(benchmark::State &state) {
    const Fleet &f = fleet();
    for (auto _ : state) {
        for (const QByteArray &text : f.texts) {
            auto parsed = ExpositionParser::parse(text);
            benchmark::DoNotOptimize(parsed);
        }
    }
    report(state, f.samples, f.bytes);
}

void mergeOnly(benchmark::State &state) {
    const Fleet &f = fleet();
    qsizetype outBytes = 0;
    for (auto _ : state) {
        const MergeResult merged = MetricsMerger::merge(f.parsed);
        outBytes = merged.text.size();
        benchmark::DoNotOptimize(merged.text.data());
    }
    report(state, f.samples, outBytes);
}

void parseAndMerge(benchmark::State &state) {
    const Fleet &f = fleet();
    for (auto _ : state) {
        QList<NodeExposition> nodes;
        nodes.reserve(f.texts.size());
        for (qsizetype i = 0; i < f.texts.size(); ++i)
            nodes.append({f.parsed[i].node, ExpositionParser::parse(f.texts[i]).value()});
        const MergeResult merged = MetricsMerger::merge(nodes);
        benchmark::DoNotOptimize(merged.text.data());
    }
    report(state, f.samples, f.bytes);
}

} // namespace

BENCHMARK(parseOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(mergeOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(parseAndMerge)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
