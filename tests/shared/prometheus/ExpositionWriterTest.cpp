#include "prometheus/ExpositionWriter.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "prometheus/ExpositionParser.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using namespace lmcf;

namespace {

QByteArray valueText(double value) {
    QByteArray text = "x";
    TextOutput out(text);
    ExpositionWriter::appendValue(out, value);
    out.finish();
    return text.sliced(1);
}

void expectRoundTrip(const QByteArray &text) {
    const auto first = ExpositionParser::parse(text);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const QByteArray written = ExpositionWriter::write(*first);
    const auto second = ExpositionParser::parse(written);
    ASSERT_TRUE(second.ok()) << second.error().toStdString() << "\n" << written.toStdString();
    EXPECT_EQ(*first, *second) << written.toStdString();
    EXPECT_EQ(ExpositionWriter::write(*second), written); // and the text is stable
}

} // namespace

TEST(ExpositionWriter, WritesShortestValues) {
    EXPECT_EQ(valueText(42), "42");
    EXPECT_EQ(valueText(1e6), "1000000");
    EXPECT_EQ(valueText(-3), "-3");
    EXPECT_EQ(valueText(0.1), "0.1");
    EXPECT_EQ(valueText(1.0 / 3), "0.3333333333333333");
    EXPECT_EQ(valueText(1e300), "1e+300");
    EXPECT_EQ(valueText(-0.0), "-0");
    EXPECT_EQ(valueText(std::numeric_limits<double>::quiet_NaN()), "NaN");
    EXPECT_EQ(valueText(INFINITY), "+Inf");
    EXPECT_EQ(valueText(-INFINITY), "-Inf");
}

TEST(ExpositionWriter, EscapesHelpAndLabelValues) {
    Exposition e;
    MetricFamily f;
    f.name = "m";
    f.type = MetricType::Gauge;
    f.help = "back\\slash\nnew \"quoted\"";
    f.samples.append(Sample{"m", Sample::encodeLabels({{"v", "a\"b\\c\nd"}}), 1.5, 1700000000000});
    e.families.append(f);
    EXPECT_EQ(ExpositionWriter::write(e), "# HELP m back\\\\slash\\nnew \"quoted\"\n"
                                          "# TYPE m gauge\n"
                                          "m{v=\"a\\\"b\\\\c\\nd\"} 1.5 1700000000000\n");
}

TEST(ExpositionWriter, WritesUnitAsCommentAndUntypedType) {
    Exposition e;
    e.families.append(MetricFamily{"x_seconds", MetricType::Untyped, {}, "seconds", {}});
    EXPECT_EQ(ExpositionWriter::write(e), "# UNIT x_seconds seconds\n# TYPE x_seconds untyped\n");
}

TEST(ExpositionWriter, RoundTripsFixtures) {
    for (const char *file :
         {"metrics/vllm-node.prom", "metrics/mp-node.prom", "metrics/mp-node.openmetrics.txt"})
        expectRoundTrip(test::readData(QLatin1StringView(file)));
}

TEST(ExpositionWriter, RoundTripsOddButValidInput) {
    expectRoundTrip("a NaN\nb{x=\"\\\\\\\"\\n\"} -Inf 5\n# HELP c \\\\x\\n\n# TYPE c counter\n"
                    "c_total 1e-300\nc_total{z=\"\"} 2 -1\n"
                    "# TYPE s summary\ns{quantile=\"0.99\"} 1.25\ns_sum 3\ns_count 4\n"
                    "# HELP only_help text\n# TYPE only_type gauge\nhelp_then_type 1\n");
    expectRoundTrip("# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 3\nq_gcount 3\n# TYPE i info\n"
                    "i_info{v=\"1\"} 1\n# EOF\n");
}

TEST(Sample, EncodesAndDecodesLabels) {
    const QList<Label> labels{{"a", "plain"}, {"b", "q\"b\\s\nn"}, {"c", ""}};
    Sample sample;
    sample.setLabels(labels);
    EXPECT_EQ(sample.labelText, "a=\"plain\",b=\"q\\\"b\\\\s\\nn\",c=\"\"");
    EXPECT_EQ(sample.labels(), labels);
    EXPECT_EQ(sample.label("b"), "q\"b\\s\nn");
    EXPECT_FALSE(sample.label("z").has_value());
    EXPECT_TRUE(sample.hasLabel("c"));
    sample.labelText = "broken=\"unterminated";
    EXPECT_TRUE(sample.labels().isEmpty());
}
