// The real lmcache-heartbeat binary against an in-test registry on loopback.
#include "FakeRegistry.h"
#include "QtPrinters.h"
#include "WaitUntil.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <csignal>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace lmcf;

namespace {

const QString kAgent = QStringLiteral(LMCF_HEARTBEAT_PATH);

//! The env JSON of spec §3 for a node at 127.0.0.1:`httpPort`.
QString pluginConfig(const QUrl &heartbeatUrl, quint16 httpPort, const QString &extraKeys = {}) {
    return QStringLiteral(
               R"({"mp_config":{"host":"localhost","port":5555,"chunk_size":256,"max_workers":1,
        "hash_algorithm":"blake3","engine_type":"default"},
      "storage_manager_config":{"l1_manager_config":{"memory_config":{"size_in_bytes":1073741824}},
        "eviction_config":{"eviction_policy":"LRU"}},
      "http_config":{"http_host":"127.0.0.1","http_port":%1},
      "runtime_plugin_extra_config":{"plugin.frontend.heartbeat-url":"%2",
        "plugin.frontend.heartbeat-interval":0.2%3}})")
        .arg(httpPort)
        .arg(heartbeatUrl.toString(), extraKeys);
}

QProcessEnvironment pluginEnvironment(const QString &config) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_CONFIG"), config);
    environment.insert(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_ROLE"), QString());
    environment.insert(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_WORKER_COUNT"), QStringLiteral("1"));
    environment.insert(QStringLiteral("LMCACHE_RUNTIME_PLUGIN_WORKER_ID"), QStringLiteral("0"));
    return environment;
}

bool finished(QProcess &process, int timeoutMs = 5000) {
    return test::waitUntil([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
}

//! Gone or a zombie nobody reaped yet (containers often lack a reaping init).
bool processGone(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
}

quint16 unusedPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

TEST(AgentProcess, RegistersWithEveryFieldOfTheSpec) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    QProcess agent;
    agent.setProcessEnvironment(
        pluginEnvironment(pluginConfig(registry.heartbeatUrl(), registry.serverPort())));
    agent.start(kAgent, {});
    ASSERT_TRUE(test::waitUntil([&] { return registry.heartbeats.size() >= 3; }, 5000));
    agent.terminate();
    ASSERT_TRUE(finished(agent));
    EXPECT_EQ(agent.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(agent.exitCode(), 0);

    const Heartbeat &beat = registry.heartbeats.first();
    EXPECT_EQ(beat.apiAddress, QStringLiteral("http://127.0.0.1:%1").arg(registry.serverPort()));
    EXPECT_EQ(beat.pid, qint64(::getpid())); // our test is the "MP server" that launched it
    EXPECT_EQ(beat.version, QStringLiteral("0.3.9-test"));
    const QJsonObject info = QJsonDocument::fromJson(beat.otherInfo.toUtf8()).object();
    EXPECT_DOUBLE_EQ(info.value(QStringLiteral("heartbeat_interval")).toDouble(), 0.2);
    EXPECT_FALSE(info.value(QStringLiteral("startup_time")).toString().isEmpty());
    EXPECT_EQ(info.value(QStringLiteral("chunk_size")).toInt(), 256);
    EXPECT_EQ(info.value(QStringLiteral("eviction_policy")).toString(), QStringLiteral("LRU"));

    const QString log = QString::fromUtf8(agent.readAllStandardError());
    EXPECT_EQ(log.count(QStringLiteral("registered")), 1) << log.toStdString();
    EXPECT_FALSE(log.contains(QStringLiteral("failing")));
}

TEST(AgentProcess, OnceSendsOneHeartbeatAndExitsZero) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    QProcess agent;
    agent.start(kAgent, {QStringLiteral("--once"),
                         QStringLiteral("--heartbeat-url=") + registry.heartbeatUrl().toString(),
                         QStringLiteral("--api-address=http://10.9.8.7:8085")});
    ASSERT_TRUE(finished(agent));
    EXPECT_EQ(agent.exitCode(), 0) << agent.readAllStandardError().toStdString();
    ASSERT_EQ(registry.heartbeats.size(), 1);
    EXPECT_EQ(registry.heartbeats.first().apiAddress, QStringLiteral("http://10.9.8.7:8085"));
    EXPECT_EQ(registry.heartbeats.first().pid, qint64(::getpid()));
}

TEST(AgentProcess, OnceAgainstNoRegistryExitsOne) {
    QProcess agent;
    agent.start(kAgent, {QStringLiteral("--once"),
                         QStringLiteral("--heartbeat-url=http://127.0.0.1:%1/hb").arg(unusedPort()),
                         QStringLiteral("--api-address=http://127.0.0.1:1")});
    ASSERT_TRUE(finished(agent));
    EXPECT_EQ(agent.exitCode(), 1);
}

TEST(AgentProcess, FailsThenRecoversWhenTheRegistryComesUp) {
    const quint16 port = unusedPort();
    QProcess agent;
    agent.start(kAgent, {QStringLiteral("--heartbeat-url=http://127.0.0.1:%1/hb").arg(port),
                         QStringLiteral("--heartbeat-interval=0.2"),
                         QStringLiteral("--api-address=http://127.0.0.1:1")});
    QByteArray log;
    ASSERT_TRUE(test::waitUntil(
        [&] {
            log += agent.readAllStandardError();
            return log.contains("failing");
        },
        5000))
        << log.toStdString();
    test::processEventsFor(500); // several retries: still one "failing" line
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start(port));
    ASSERT_TRUE(test::waitUntil(
        [&] {
            log += agent.readAllStandardError();
            return log.contains("recovered") && registry.heartbeats.size() >= 2;
        },
        5000))
        << log.toStdString();
    agent.terminate();
    ASSERT_TRUE(finished(agent));
    log += agent.readAllStandardError();
    EXPECT_EQ(log.count("failing"), 1) << log.toStdString();
    EXPECT_EQ(log.count("recovered"), 1) << log.toStdString();
    EXPECT_EQ(agent.exitCode(), 0);
}

TEST(AgentProcess, ExitsWithinTwoSecondsWhenItsParentIsKilled) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    // A stand-in MP server: a shell that starts the agent, prints its pid and waits.
    QProcess parent;
    parent.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"),
                                             QStringLiteral("\"$0\" --heartbeat-url=%1 "
                                                            "--heartbeat-interval=30 "
                                                            "--api-address=http://127.0.0.1:1 & "
                                                            "echo $!; wait")
                                                 .arg(registry.heartbeatUrl().toString()),
                                             kAgent});
    ASSERT_TRUE(test::waitUntil([&] { return parent.canReadLine(); }, 5000));
    const qint64 agentPid = parent.readLine().trimmed().toLongLong();
    ASSERT_GT(agentPid, 0);
    ASSERT_TRUE(test::waitUntil([&] { return registry.heartbeats.size() >= 1; }, 5000));
    EXPECT_EQ(registry.heartbeats.first().pid, parent.processId());
    ASSERT_FALSE(processGone(agentPid));

    ::kill(pid_t(parent.processId()), SIGKILL);
    EXPECT_TRUE(test::waitUntil([&] { return processGone(agentPid); }, 2000));
    finished(parent);
    if (!processGone(agentPid))
        ::kill(pid_t(agentPid), SIGKILL);
}

TEST(AgentProcess, BadConfigIsOneLineAndExitCodeTwo) {
    for (const QString &config :
         {QStringLiteral("{not json"), QStringLiteral(R"({"http_config":{"http_port":8085}})")}) {
        QProcess agent;
        agent.setProcessEnvironment(pluginEnvironment(config));
        agent.start(kAgent, {});
        ASSERT_TRUE(finished(agent));
        EXPECT_EQ(agent.exitCode(), 2);
        const QByteArray err = agent.readAllStandardError().trimmed();
        EXPECT_EQ(err.count('\n'), 0) << err.toStdString();
        EXPECT_TRUE(err.startsWith("lmcache-heartbeat: error: ")) << err.toStdString();
    }
}

TEST(AgentProcess, UnknownKeyWarnsAndCarriesOn) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    QProcess agent;
    agent.setProcessEnvironment(
        pluginEnvironment(pluginConfig(registry.heartbeatUrl(), registry.serverPort(),
                                       QStringLiteral(R"(,"plugin.frontend.colour":"blue")"))));
    agent.start(kAgent, {QStringLiteral("--once")});
    ASSERT_TRUE(finished(agent));
    EXPECT_EQ(agent.exitCode(), 0);
    EXPECT_TRUE(agent.readAllStandardError().contains("warning: ignoring unknown setting "
                                                      "plugin.frontend.colour"));
    EXPECT_EQ(registry.heartbeats.size(), 1);
}

TEST(AgentProcess, ShimExecsTheAgentWithTheEnvironment) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    const QProcessEnvironment base =
        pluginEnvironment(pluginConfig(registry.heartbeatUrl(), registry.serverPort()));
    // The source-tree shim finds the agent through the env override; the copy in the build
    // tree finds it next to itself.
    for (const QString &shim :
         {QStringLiteral(LMCF_SHIM_SOURCE_PATH), QStringLiteral(LMCF_SHIM_BUILD_PATH)}) {
        QProcessEnvironment environment = base;
        if (shim == QStringLiteral(LMCF_SHIM_SOURCE_PATH))
            environment.insert(QStringLiteral("LMCACHE_FLEET_HEARTBEAT_BIN"), kAgent);
        const qsizetype before = registry.heartbeats.size();
        QProcess agent;
        agent.setProcessEnvironment(environment);
        agent.start(QStringLiteral("/bin/sh"), {shim, QStringLiteral("--once")});
        ASSERT_TRUE(finished(agent));
        EXPECT_EQ(agent.exitCode(), 0) << agent.readAllStandardError().toStdString();
        EXPECT_EQ(registry.heartbeats.size(), before + 1) << shim.toStdString();
    }
    QProcess missing;
    QProcessEnvironment environment = base;
    environment.insert(QStringLiteral("LMCACHE_FLEET_HEARTBEAT_BIN"),
                       QStringLiteral("/nonexistent/lmcache-heartbeat"));
    missing.setProcessEnvironment(environment);
    missing.start(QStringLiteral("/bin/sh"), {QStringLiteral(LMCF_SHIM_SOURCE_PATH)});
    ASSERT_TRUE(finished(missing));
    EXPECT_EQ(missing.exitCode(), 2);
}

TEST(AgentProcess, SigtermExitsZero) {
    test::FakeRegistry registry;
    ASSERT_TRUE(registry.start());
    QProcess agent;
    agent.start(kAgent, {QStringLiteral("--heartbeat-url=") + registry.heartbeatUrl().toString(),
                         QStringLiteral("--api-address=http://127.0.0.1:1")});
    ASSERT_TRUE(test::waitUntil([&] { return !registry.heartbeats.isEmpty(); }, 5000));
    agent.terminate();
    ASSERT_TRUE(finished(agent));
    EXPECT_EQ(agent.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(agent.exitCode(), 0);
}
