#include "AgentOptions.h"

#include "QtPrinters.h"
#include "TestData.h"
#include "core/CommandLine.h"

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

const QList<QHostAddress> kInterfaces = {QHostAddress(QStringLiteral("10.0.0.5"))};

Outcome<AgentOptions> parse(QStringList flags, const QByteArray &configJson = {}) {
    QCommandLineParser parser;
    CommandLine::setUp(parser, QStringLiteral("lmcache-heartbeat"), {});
    QProcessEnvironment environment;
    if (!configJson.isEmpty())
        environment.insert(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG"),
                           QString::fromUtf8(configJson));
    flags.prepend(QStringLiteral("lmcache-heartbeat"));
    return AgentOptions::parse(parser, flags, environment, 4242, kInterfaces);
}

} // namespace

TEST(AgentOptions, PluginModeTakesEverythingFromTheEnvironment) {
    const auto options = parse({}, test::readData(QStringLiteral("plugin/mp-config.json")));
    ASSERT_TRUE(options.ok()) << options.error().toStdString();
    EXPECT_EQ(options->config.heartbeatUrl,
              QUrl(QStringLiteral("http://head:5000/lmcache_heartbeat")));
    EXPECT_EQ(options->apiAddress, QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(options->nodeUrl, QUrl(QStringLiteral("http://127.0.0.1:8085")));
    EXPECT_EQ(options->pid, 4242);
    EXPECT_FALSE(options->once);
}

TEST(AgentOptions, FlagsOverrideTheEnvironment) {
    const auto options =
        parse({QStringLiteral("--heartbeat-url=http://other:1/hb"),
               QStringLiteral("--heartbeat-interval=0.5"),
               QStringLiteral("--heartbeat-initial-delay=2"), QStringLiteral("--report-host=node7"),
               QStringLiteral("--pid=99"), QStringLiteral("--once")},
              test::readData(QStringLiteral("plugin/mp-config.json")));
    ASSERT_TRUE(options.ok()) << options.error().toStdString();
    EXPECT_EQ(options->config.heartbeatUrl, QUrl(QStringLiteral("http://other:1/hb")));
    EXPECT_DOUBLE_EQ(options->config.heartbeatIntervalS, 0.5);
    EXPECT_DOUBLE_EQ(options->config.heartbeatInitialDelayS, 2.0);
    EXPECT_EQ(options->apiAddress, QStringLiteral("http://node7:8085"));
    EXPECT_EQ(options->pid, 99);
    EXPECT_TRUE(options->once);
}

TEST(AgentOptions, StandaloneNeedsUrlAndAddress) {
    const auto options = parse({QStringLiteral("--heartbeat-url=http://h:1/hb"),
                                QStringLiteral("--api-address=http://[FD00::5]:8085/")});
    ASSERT_TRUE(options.ok()) << options.error().toStdString();
    EXPECT_EQ(options->apiAddress, QStringLiteral("http://[fd00::5]:8085"));
    EXPECT_DOUBLE_EQ(options->config.heartbeatIntervalS, 30.0);

    const auto noAddress = parse({QStringLiteral("--heartbeat-url=http://h:1/hb")});
    ASSERT_FALSE(noAddress.ok());
    EXPECT_TRUE(noAddress.error().contains(QStringLiteral("--api-address")));
}

TEST(AgentOptions, ErrorsNameWhatIsWrong) {
    const QByteArray config = test::readData(QStringLiteral("plugin/mp-config.json"));
    const QList<QPair<QStringList, QString>> cases = {
        {{QStringLiteral("--heartbeat-interval=0")}, QStringLiteral("--heartbeat-interval")},
        {{QStringLiteral("--heartbeat-interval=x")}, QStringLiteral("--heartbeat-interval")},
        {{QStringLiteral("--heartbeat-initial-delay=-1")},
         QStringLiteral("--heartbeat-initial-delay")},
        {{QStringLiteral("--heartbeat-url=nope")}, QStringLiteral("--heartbeat-url")},
        {{QStringLiteral("--api-address=ftp://x")}, QStringLiteral("--api-address")},
        {{QStringLiteral("--pid=-3")}, QStringLiteral("--pid")},
        {{QStringLiteral("--bogus")}, QStringLiteral("bogus")},
    };
    for (const auto &[flags, expected] : cases) {
        const auto options = parse(flags, config);
        ASSERT_FALSE(options.ok()) << flags.join(u' ').toStdString();
        EXPECT_TRUE(options.error().contains(expected)) << options.error().toStdString();
        EXPECT_FALSE(options.error().contains(u'\n'));
    }
}

TEST(AgentOptions, MissingUrlAndBadJsonFail) {
    const auto none = parse({});
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(none.error().contains(QStringLiteral("heartbeat-url")));
    const auto bad = parse({}, "{not json");
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().contains(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG")));
}

TEST(AgentOptions, HelpNeedsNothingElse) {
    const auto options = parse({QStringLiteral("--help")});
    ASSERT_TRUE(options.ok()) << options.error().toStdString();
    EXPECT_TRUE(options->helpRequested);
}
