#include "prometheus/ExpositionParser.h"

#include "QtPrinters.h"
#include "TestData.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace lmcf;

namespace {

Exposition parseOk(QByteArrayView text,
                   ExpositionParser::Format format = ExpositionParser::Format::Auto) {
    auto outcome = ExpositionParser::parse(text, format);
    EXPECT_TRUE(outcome.ok()) << outcome.error().toStdString();
    return outcome.ok() ? std::move(outcome).value() : Exposition();
}

QString parseError(QByteArrayView text) {
    const auto outcome = ExpositionParser::parse(text);
    EXPECT_FALSE(outcome.ok()) << "accepted: " << text.toByteArray().toStdString();
    return outcome.error();
}

} // namespace

TEST(ExpositionParser, ReadsFamiliesSamplesAndLabels) {
    const Exposition e =
        parseOk("# HELP http_requests_total Requests served.\n"
                "# TYPE http_requests_total counter\n"
                "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                "http_requests_total{method=\"post\",code=\"400\"}    3\n");
    ASSERT_EQ(e.families.size(), 1);
    const MetricFamily &f = e.families[0];
    EXPECT_EQ(f.name, "http_requests_total");
    EXPECT_EQ(f.type, MetricType::Counter);
    EXPECT_EQ(f.help, "Requests served.");
    ASSERT_EQ(f.samples.size(), 2);
    EXPECT_EQ(f.samples[0].labels(), (QList<Label>{{"method", "post"}, {"code", "200"}}));
    EXPECT_EQ(f.samples[0].value, 1027);
    EXPECT_EQ(f.samples[0].timestampMs, 1395066363000);
    EXPECT_FALSE(f.samples[1].timestampMs.has_value());
    EXPECT_EQ(f.samples[1].value, 3);
}

TEST(ExpositionParser, UnescapesHelpAndLabelValues) {
    const Exposition e = parseOk("# HELP m A \\\\ path\\nnext \\\"q\\\" \\x\n"
                                 "m{path=\"C:\\\\dir\\\\\",text=\"say \\\"hi\\\"\\nbye\"} 1\n");
    const MetricFamily &f = e.families[0];
    EXPECT_EQ(f.help, "A \\ path\nnext \"q\" \\x");
    EXPECT_EQ(f.samples[0].labels()[0].value, "C:\\dir\\");
    EXPECT_EQ(f.samples[0].labels()[1].value, "say \"hi\"\nbye");
    EXPECT_EQ(f.samples[0].label("text"), "say \"hi\"\nbye");
    EXPECT_EQ(f.samples[0].labelText, "path=\"C:\\\\dir\\\\\",text=\"say \\\"hi\\\"\\nbye\"");
}

TEST(ExpositionParser, ReadsSpecialValues) {
    const Exposition e = parseOk("a NaN\nb +Inf\nc -Inf\nd Inf\ne 1.5e-3\nf -0.25\ng +7\n");
    ASSERT_EQ(e.families.size(), 7);
    EXPECT_TRUE(std::isnan(e.families[0].samples[0].value));
    EXPECT_EQ(e.families[1].samples[0].value, INFINITY);
    EXPECT_EQ(e.families[2].samples[0].value, -INFINITY);
    EXPECT_EQ(e.families[3].samples[0].value, INFINITY);
    EXPECT_DOUBLE_EQ(e.families[4].samples[0].value, 0.0015);
    EXPECT_EQ(e.families[5].samples[0].value, -0.25);
    EXPECT_EQ(e.families[6].samples[0].value, 7);
    for (const MetricFamily &f : e.families)
        EXPECT_EQ(f.type, MetricType::Untyped);
}

TEST(ExpositionParser, ToleratesCrlfCommentsBlankLinesTrailingCommaAndEmptyBraces) {
    const Exposition e = parseOk("# a comment\r\n\r\n# TYPE x gauge\r\nx{a=\"1\",} 2\r\nx{} 3\r\n");
    ASSERT_EQ(e.families.size(), 1);
    ASSERT_EQ(e.families[0].samples.size(), 2);
    EXPECT_EQ(e.families[0].samples[0].labels(), (QList<Label>{{"a", "1"}}));
    EXPECT_EQ(e.families[0].samples[0].labelText, "a=\"1\"");
    EXPECT_TRUE(e.families[0].samples[1].labels().isEmpty());
    EXPECT_EQ(parseOk("y{ a = \"1\" ,\tb=\"2\" } 1\n").families[0].samples[0].labelText,
              "a=\"1\",b=\"2\"");
}

TEST(ExpositionParser, HistogramAndSummarySamplesStayInTheirFamily) {
    const Exposition e =
        parseOk("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                "h_sum 3\nh_count 2\n# TYPE s summary\ns{quantile=\"0.5\"} 1\n"
                "s_sum 4\ns_count 5\n");
    ASSERT_EQ(e.families.size(), 2);
    EXPECT_EQ(e.families[0].samples.size(), 4);
    EXPECT_EQ(e.families[1].samples.size(), 3);
}

TEST(ExpositionParser, MergesNonContiguousGroupsOfOneFamily) {
    const Exposition e =
        parseOk("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\n# TYPE g gauge\ng 1\n"
                "h_sum 3\nh_count 2\n");
    ASSERT_EQ(e.families.size(), 2);
    EXPECT_EQ(e.families[0].name, "h");
    EXPECT_EQ(e.families[0].samples.size(), 3);
}

TEST(ExpositionParser, MapsOpenMetricsOntoText004) {
    const Exposition e = parseOk(test::readData(QStringLiteral("metrics/mp-node.openmetrics.txt")));
    const Exposition text = parseOk(test::readData(QStringLiteral("metrics/mp-node.prom")));
    ASSERT_EQ(e.families.size(), text.families.size());
    for (qsizetype i = 0; i < e.families.size(); ++i) {
        EXPECT_EQ(e.families[i].name, text.families[i].name);
        EXPECT_EQ(e.families[i].type, text.families[i].type) << e.families[i].name.data();
        EXPECT_EQ(e.families[i].samples.size(), text.families[i].samples.size());
    }
    EXPECT_EQ(e.families[0].name, "target_info");
    EXPECT_EQ(e.families[0].type, MetricType::Gauge);
    EXPECT_EQ(e.families[1].name, "lmcache_mp_sm_read_requests_total");
    EXPECT_EQ(e.families.back().unit, "seconds");
}

TEST(ExpositionParser, OpenMetricsTimestampsAreSecondsAndExemplarsAreDropped) {
    const Exposition e = parseOk("# TYPE c counter\nc_total 3 1700000000.5 \n"
                                 "c_total{a=\"b\"} 4 # {trace_id=\"x\"} 1 1700000000\n# EOF\n");
    ASSERT_EQ(e.families[0].samples.size(), 2);
    EXPECT_EQ(e.families[0].samples[0].timestampMs, 1700000000500);
    EXPECT_EQ(e.families[0].samples[1].value, 4);
}

TEST(ExpositionParser, MapsGaugeHistogramStatesetAndUnknown) {
    const Exposition e =
        parseOk("# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 3\nq_gcount 3\n"
                "q_gsum 9\n# TYPE s stateset\ns{s=\"a\"} 1\n# TYPE u unknown\nu 1\n"
                "# EOF\n");
    QList<QByteArray> names;
    for (const MetricFamily &f : e.families)
        names.append(f.name + ':' + metricTypeName(f.type).toByteArray());
    EXPECT_EQ(names, (QList<QByteArray>{"q_bucket:gauge", "q_gcount:gauge", "q_gsum:gauge",
                                        "s:gauge", "u:untyped"}));
}

TEST(ExpositionParser, ReadsTheVllmFixture) {
    const Exposition e = parseOk(test::readData(QStringLiteral("metrics/vllm-node.prom")));
    EXPECT_EQ(e.sampleCount(), 620);
    EXPECT_EQ(e.families.size(), 28);
    EXPECT_EQ(e.families[0].name, "lmcache:num_retrieve_requests");
}

TEST(ExpositionParser, ReportsErrorsWithLineNumbers) {
    EXPECT_EQ(parseError("a 1\nb{x=\"open} 2\n"), QStringLiteral("line 2: label value not closed"));
    EXPECT_EQ(parseError("# TYPE a gauge\n# TYPE a counter\n"),
              QStringLiteral("line 2: second TYPE for a (first on line 1)"));
    EXPECT_EQ(parseError("a 1\n# TYPE a gauge\n"),
              QStringLiteral("line 2: TYPE for a after its samples"));
    EXPECT_EQ(parseError("a 1\n\n9a 1\n"), QStringLiteral("line 3: invalid metric name"));
    EXPECT_EQ(parseError("a{b=\"\\t\"} 1\n"),
              QStringLiteral("line 1: invalid escape \\t in label value"));
    EXPECT_EQ(parseError("a{b=\"1\",b=\"2\"} 1\n"),
              QStringLiteral("line 1: duplicate label name b"));
    EXPECT_EQ(parseError("a one\n"), QStringLiteral("line 1: invalid sample value"));
    EXPECT_EQ(parseError("a 1 12.5\n"), QStringLiteral("line 1: invalid timestamp"));
    EXPECT_EQ(parseError("a\n"), QStringLiteral("line 1: missing sample value"));
    EXPECT_EQ(parseError("a 1 2 3\n"), QStringLiteral("line 1: unexpected text after the sample"));
    EXPECT_EQ(parseError("# TYPE a weird\n"), QStringLiteral("line 1: unknown metric type for a"));
    EXPECT_EQ(parseError("# TYPE h histogram\nh_bucket 1\n"),
              QStringLiteral("line 2: histogram sample without le label"));
    EXPECT_EQ(parseError("# TYPE h histogram\nh 1\n"),
              QStringLiteral("line 2: sample h does not fit the type of family h"));
    EXPECT_EQ(parseError("a 1\n# EOF\nb 2\n"), QStringLiteral("line 3: text after # EOF"));
    EXPECT_EQ(parseError("# HELP a x\n# HELP a y\n"),
              QStringLiteral("line 2: second HELP for a (first on line 1)"));
    EXPECT_EQ(parseError("a{b=\"\xff\"} 1\n"), QStringLiteral("line 1: label value is not UTF-8"));
    EXPECT_EQ(parseError("a{b=\"1\" c=\"2\"} 1\n"),
              QStringLiteral("line 1: expected , or } after a label"));
}

TEST(ExpositionParser, RejectsHostileFixtures) {
    const auto error = [](const char *file) {
        const QByteArray text =
            test::readData(QStringLiteral("metrics/hostile/") + QLatin1StringView(file));
        EXPECT_FALSE(text.isEmpty()) << file;
        return ExpositionParser::parse(text).error();
    };
    EXPECT_EQ(error("bad-escape.prom"),
              QStringLiteral("line 3: invalid escape \\q in label value"));
    EXPECT_EQ(error("duplicate-type.prom"),
              QStringLiteral("line 4: second TYPE for up (first on line 2)"));
    EXPECT_EQ(error("type-after-samples.prom"),
              QStringLiteral("line 2: TYPE for requests_total after its samples"));
    EXPECT_EQ(error("truncated.prom"), QStringLiteral("line 3: label value not closed"));
    EXPECT_EQ(error("invalid-name.prom"), QStringLiteral("line 3: invalid metric name"));
    EXPECT_EQ(error("binary-junk.bin"), QStringLiteral("line 2: invalid metric name"));
}

TEST(ExpositionParser, RefusesAMegabyteLabelValueQuickly) {
    QByteArray text = "a{big=\"";
    text.append(QByteArray(1024 * 1024, 'x'));
    text.append("\"} 1\n");
    EXPECT_EQ(ExpositionParser::parse(text).error(),
              QStringLiteral("line 1: label value longer than 65536 bytes"));
    text.replace(100, 2, "\\n"); // escaped path too
    EXPECT_EQ(ExpositionParser::parse(text).error(),
              QStringLiteral("line 1: label value longer than 65536 bytes"));
}

TEST(ExpositionParser, RefusesTooManyLabels) {
    QByteArray text = "a{";
    for (int i = 0; i < 300; ++i)
        text.append("l" + QByteArray::number(i) + "=\"v\",");
    text.append("} 1\n");
    EXPECT_EQ(ExpositionParser::parse(text).error(),
              QStringLiteral("line 1: more than 256 labels"));
}

TEST(ExpositionParser, AcceptsEmptyInput) {
    EXPECT_TRUE(parseOk("").families.isEmpty());
    EXPECT_TRUE(parseOk("# EOF\n").families.isEmpty());
}

TEST(ExpositionParser, DetectsFormatFromContentType) {
    using F = ExpositionParser::Format;
    EXPECT_EQ(ExpositionParser::formatFromContentType(
                  "application/openmetrics-text; version=1.0.0; charset=utf-8"),
              F::OpenMetrics);
    EXPECT_EQ(ExpositionParser::formatFromContentType("text/plain; version=0.0.4"), F::Text004);
    EXPECT_EQ(ExpositionParser::formatFromContentType(""), F::Auto);
}

TEST(ExpositionParser, ReadsDecimalsExactly) {
    const QList<QByteArrayView> texts{
        "0.1",  "123456.789", "1234.0",          ".5",
        "5.",   "0.000001",   "999999999999999", "1.7976931348623157e308",
        "1e-7", "00012.50"};
    for (const QByteArrayView text : texts) {
        const Exposition e = parseOk(QByteArray(QByteArray("m ") + text.toByteArray() + "\n"));
        ASSERT_EQ(e.families.size(), 1);
        EXPECT_EQ(e.families[0].samples[0].value,
                  std::strtod(text.toByteArray().constData(), nullptr))
            << text.toByteArray().toStdString();
    }
    EXPECT_FALSE(ExpositionParser::parse("m .\n").ok());
    EXPECT_FALSE(ExpositionParser::parse("m 1.2.3\n").ok());
}
