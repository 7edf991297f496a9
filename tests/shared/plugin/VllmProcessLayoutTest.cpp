#include "plugin/VllmProcessLayout.h"

#include "QtPrinters.h"
#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

VllmPluginEnvironment scheduler(const QByteArray &config, const QString &workers = u"2"_s) {
    return VllmPluginEnvironment{config, u"SCHEDULER"_s, workers, {}, u"gpu-host-7.example"_s};
}

QByteArray engine(const QByteArray &extraKeys) {
    return R"({"chunk_size":256,"internal_api_server_enabled":true,
               "internal_api_server_host":"0.0.0.0","internal_api_server_port_start":6999,
               "extra_config":{"plugin.frontend.heartbeat-url":"http://head:8000/lmcache_heartbeat"})" +
           extraKeys + "}";
}

QString errorOf(const VllmPluginEnvironment &environment) {
    const auto layout = VllmProcessLayout::compute(environment);
    return layout ? QString() : layout.error();
}

} // namespace

TEST(VllmProcessLayout, SchedulerAndEveryWorkerAsTheOriginalNamesThem) {
    const auto layout = VllmProcessLayout::compute(
        scheduler(engine(R"(,"lmcache_instance_id":"llama-a")"), u"2"_s));
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    const QList<VllmProcess> expected = {{u"llama-a_scheduler"_s, u"127.0.0.1"_s, 6999},
                                         {u"llama-a_worker0"_s, u"127.0.0.1"_s, 7000},
                                         {u"llama-a_worker1"_s, u"127.0.0.1"_s, 7001}};
    EXPECT_EQ(layout->processes, expected);
    EXPECT_EQ(layout->instance, u"llama-a"_s);
    EXPECT_EQ(layout->bindHost, u"0.0.0.0"_s);
    EXPECT_EQ(layout->bindPort, 8000);
    EXPECT_EQ(layout->plugin.heartbeatUrl, QUrl(u"http://head:8000/lmcache_heartbeat"_s));
    EXPECT_TRUE(layout->warnings.isEmpty()) << layout->warnings.join(u';').toStdString();
}

TEST(VllmProcessLayout, ReadsTheFixtureEngineConfig) {
    const auto layout =
        VllmProcessLayout::compute(scheduler(test::readData(u"plugin/vllm-config.json"_s), u"1"_s));
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    ASSERT_EQ(layout->processes.size(), 2);
    // No lmcache_instance_id: the short host name and the port start name the instance.
    EXPECT_EQ(layout->processes[1].name, u"gpu-host-7_6999_worker0"_s);
    EXPECT_EQ(layout->bindPort, 8000);
    EXPECT_DOUBLE_EQ(layout->plugin.heartbeatIntervalS, 10.0);
}

TEST(VllmProcessLayout, IncludeListKeepsOnlyTheListedIndices) {
    for (const QByteArray &list : {QByteArray("[0,2]"), QByteArray("\"0, 2\"")}) {
        const auto layout = VllmProcessLayout::compute(scheduler(engine(
            R"(,"lmcache_instance_id":"i","internal_api_server_include_index_list":)" + list)));
        ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
        ASSERT_EQ(layout->processes.size(), 2) << list.constData();
        EXPECT_EQ(layout->processes[0].name, u"i_scheduler"_s);
        EXPECT_EQ(layout->processes[1].name, u"i_worker1"_s);
        EXPECT_EQ(layout->processes[1].port, 7001);
    }
}

TEST(VllmProcessLayout, IndexBeyondTheWorkersIsAWarning) {
    const auto layout = VllmProcessLayout::compute(scheduler(
        engine(R"(,"lmcache_instance_id":"i","internal_api_server_include_index_list":[1,9])")));
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    ASSERT_EQ(layout->processes.size(), 1);
    ASSERT_EQ(layout->warnings.size(), 1);
    EXPECT_TRUE(layout->warnings[0].contains(u"index 9"_s));
}

TEST(VllmProcessLayout, PortComesFromConfigThenEnvironmentThenDefault) {
    auto environment = scheduler(R"({"internal_api_server_port_start":7100,
        "extra_config":{"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.port":"9100",
                        "plugin.frontend.host":"127.0.0.1"}})");
    environment.frontendPort = u"9200"_s;
    auto layout = VllmProcessLayout::compute(environment);
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    EXPECT_EQ(layout->bindPort, 9100);
    EXPECT_EQ(layout->bindHost, u"127.0.0.1"_s);

    environment.config = engine({});
    layout = VllmProcessLayout::compute(environment);
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    EXPECT_EQ(layout->bindPort, 9200);
}

TEST(VllmProcessLayout, DaemonArgumentsServeTheProcesses) {
    auto environment =
        scheduler(R"({"lmcache_instance_id":"n1","internal_api_server_port_start":7100,
        "internal_api_server_host":"10.0.0.5",
        "extra_config":{"plugin.frontend.heartbeat-url":"http://head:8000/lmcache_heartbeat",
                        "plugin.frontend.heartbeat-interval":5,"plugin.frontend.port":0,
                        "plugin.frontend.insecure-no-auth":true,"plugin.frontend.log-level":"INFO",
                        "plugin.frontend.allow_node_path":["/env"]}})",
                  u"1"_s);
    const auto layout = VllmProcessLayout::compute(environment);
    ASSERT_TRUE(layout.ok()) << layout.error().toStdString();
    const QStringList arguments = layout->daemonArguments();
    const auto after = [&](const QString &flag) {
        const qsizetype at = arguments.indexOf(flag);
        return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : QString();
    };
    EXPECT_EQ(after(u"--port"_s), u"0"_s);
    EXPECT_EQ(after(u"--heartbeat-url"_s), u"http://head:8000/lmcache_heartbeat"_s);
    EXPECT_EQ(after(u"--heartbeat-interval"_s), u"5"_s);
    EXPECT_EQ(after(u"--state-file"_s), u"/dev/null"_s);
    EXPECT_EQ(after(u"--log-level"_s), u"info"_s);
    EXPECT_TRUE(arguments.contains(u"--insecure-no-auth"_s));
    EXPECT_EQ(after(u"--allow-node-path"_s), u"/env"_s);
    const QJsonArray nodes = QJsonDocument::fromJson(after(u"--nodes"_s).toUtf8()).array();
    ASSERT_EQ(nodes.size(), 2);
    EXPECT_EQ(nodes[1].toObject().value(u"name"_s).toString(), u"n1_worker0"_s);
    EXPECT_EQ(nodes[1].toObject().value(u"host"_s).toString(), u"10.0.0.5"_s);
    EXPECT_EQ(nodes[1].toObject().value(u"port"_s).toInt(), 7101);
}

TEST(VllmProcessLayout, BadEnvironmentsFailNamingTheProblem) {
    VllmPluginEnvironment environment = scheduler(engine({}));
    environment.role = u"WORKER"_s;
    EXPECT_TRUE(errorOf(environment).contains(u"scheduler only"_s));
    environment.role.clear();
    EXPECT_TRUE(errorOf(environment).contains(u"LMCACHE_RUNTIME_PLUGIN_ROLE"_s));
    environment = scheduler(engine({}), u"two"_s);
    EXPECT_TRUE(errorOf(environment).contains(u"WORKER_COUNT"_s));
    environment = scheduler({});
    EXPECT_TRUE(errorOf(environment).contains(u"LMCACHE_RUNTIME_PLUGIN_CONFIG is not set"_s));
    environment = scheduler("{not json");
    EXPECT_TRUE(errorOf(environment).contains(u"not valid JSON"_s));
    environment = scheduler(R"({"mp_config":{},"http_config":{"http_port":1}})");
    EXPECT_TRUE(errorOf(environment).contains(u"MP-server config"_s));
    environment = scheduler(R"({"internal_api_server_port_start":7000,"extra_config":{}})");
    EXPECT_TRUE(errorOf(environment).contains(u"heartbeat-url"_s));
}

TEST(VllmProcessLayout, BadServerKeysFailNamingTheKey) {
    const QList<QPair<QByteArray, QString>> cases = {
        {R"(,"internal_api_server_enabled":false)", u"internal_api_server_enabled"_s},
        {R"(,"internal_api_server_socket_path_prefix":"/tmp/lmc")", u"socket_path_prefix"_s},
        {R"(,"internal_api_server_include_index_list":["a"])", u"include_index_list"_s},
        {R"(,"internal_api_server_include_index_list":[5])", u"leaves no process"_s},
        {R"(,"lmcache_instance_id":"a/b")", u"lmcache_instance_id"_s},
        {R"(,"lmcache_instance_id":7)", u"lmcache_instance_id"_s},
    };
    for (const auto &[keys, expected] : cases) {
        const QString error = errorOf(scheduler(engine(keys)));
        EXPECT_TRUE(error.contains(expected)) << keys.constData() << " -> " << error.toStdString();
    }
    // The port start must leave room for every worker.
    const QString error = errorOf(scheduler(
        R"({"internal_api_server_port_start":65534,"extra_config":{"plugin.frontend.heartbeat-url":"http://h/x"}})"));
    EXPECT_TRUE(error.contains(u"internal_api_server_port_start"_s)) << error.toStdString();
    auto environment = scheduler(engine({}));
    environment.frontendPort = u"80000"_s;
    EXPECT_TRUE(errorOf(environment).contains(u"LMCACHE_FRONTEND_PORT"_s));
    EXPECT_TRUE(
        errorOf(
            scheduler(
                R"({"extra_config":{"plugin.frontend.heartbeat-url":"http://h/x","plugin.frontend.port":"x"}})"))
            .contains(u"plugin.frontend.port"_s));
}

TEST(VllmProcessLayout, ProxyKeysAreNoUnknownKeyWarnings) {
    const auto config = PluginConfig::parse(
        R"({"extra_config":{"plugin.frontend.port":1,"plugin.frontend.host":"h",
            "plugin.frontend.auth_file":"/f","plugin.frontend.insecure-no-auth":true,
            "plugin.frontend.log-level":"info"}})");
    ASSERT_TRUE(config.ok());
    EXPECT_TRUE(config->warnings.isEmpty()) << config->warnings.join(u';').toStdString();
    EXPECT_EQ(config->proxySettings.value(u"auth-file"_s).toString(), u"/f"_s);
}
