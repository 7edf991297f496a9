#include "QtPrinters.h"
#include "TestData.h"
#include "prometheus/MetricsMerger.h"

#include <QProcess>
#include <QSet>

#include <gtest/gtest.h>

using namespace lmcf;

#ifdef LMCF_PROMTOOL
namespace {

struct PromtoolRun {
    int exitCode = -1;
    QList<QByteArray> lines;
};

// `promtool check metrics` exits 0 when clean, 3 with lint remarks only, 1 on errors.
PromtoolRun promtoolCheck(const QByteArray &text) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(LMCF_PROMTOOL),
                  {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!process.waitForStarted(10000))
        return {};
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        return {};
    PromtoolRun run;
    run.exitCode = process.exitCode();
    for (const QByteArray &line : process.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            run.lines.append(line.trimmed());
    return run;
}

} // namespace
#endif

TEST(PromtoolCheck, MergedFixturesPassWithoutErrors) {
#ifndef LMCF_PROMTOOL
    GTEST_SKIP() << "promtool not found at configure time";
#else
    const QByteArray vllm = test::readData(QStringLiteral("metrics/vllm-node.prom"));
    const QByteArray mpText = test::readData(QStringLiteral("metrics/mp-node.prom"));
    const QByteArray mpOpen = test::readData(QStringLiteral("metrics/mp-node.openmetrics.txt"));
    Exposition extra;
    extra.families.append(MetricFamily{"lmcache_fleet_node_up",
                                       MetricType::Gauge,
                                       "Whether the last scrape of the node succeeded.",
                                       {},
                                       {Sample{"lmcache_fleet_node_up", "node=\"gpu-1\"", 1, {}}}});
    const MergeResult merged = MetricsMerger::mergeText({{QStringLiteral("gpu-1"), vllm, {}},
                                                         {QStringLiteral("mp-2"), mpText, {}},
                                                         {QStringLiteral("mp \"3\""), mpOpen, {}}},
                                                        extra);
    ASSERT_TRUE(merged.problems.isEmpty()) << merged.problems.front().what.toStdString();

    const PromtoolRun run = promtoolCheck(merged.text);
    ASSERT_TRUE(run.exitCode == 0 || run.exitCode == 3) << run.exitCode;
    // Lint remarks are acceptable only when the inputs already earn them.
    QSet<QByteArray> inputRemarks;
    for (const QByteArray &input : {vllm, mpText})
        for (const QByteArray &line : promtoolCheck(input).lines)
            inputRemarks.insert(line);
    for (const QByteArray &line : run.lines) {
        EXPECT_FALSE(line.contains("error")) << line.toStdString();
        EXPECT_TRUE(inputRemarks.contains(line)) << "new lint remark: " << line.toStdString();
    }
#endif
}
