// The registry in the real lmcache-fleetd binary: restarts keep it, bad --nodes exits 2.
#include "ProgramUnderTest.h"
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "WaitUntil.h"
#include "discovery/InfosDocument.h"
#include "registry/NodeRegistry.h"
#include "registry/RegistryService.h"

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using test::fetch;

namespace {
test::ProgramUnderTest fleetd(const QStringList &extra) {
    return test::ProgramUnderTest(
        QStringLiteral(LMCF_FLEETD_PATH),
        QStringList{QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=0")} + extra);
}

QUrl at(test::ProgramUnderTest &daemon, const QString &pathAndQuery) {
    return QUrl(daemon.url().toString(QUrl::StripTrailingSlash) + pathAndQuery);
}
} // namespace

TEST(RegistryProcess, RestartKeepsTheRegistry) {
    QTemporaryDir dir;
    const QString state = QStringLiteral("--state-file=") + dir.filePath(QStringLiteral("r.json"));
    {
        auto daemon = fleetd({state});
        ASSERT_TRUE(daemon.start()) << daemon.errorText().toStdString();
        EXPECT_EQ(fetch(at(daemon, QStringLiteral("/lmcache_heartbeat?api_address=http%3A%2F%2F"
                                                  "10.0.0.5%3A8085&pid=7&version=0.3.9")))
                      .status,
                  200);
        EXPECT_EQ(daemon.stop(), 0);
    }
    auto again = fleetd({state});
    ASSERT_TRUE(again.start()) << again.errorText().toStdString();
    const auto entries =
        InfosDocument::read(fetch(at(again, QStringLiteral("/lmcache_infos"))).body);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 1);
    EXPECT_EQ(entries->at(0).apiAddress, QStringLiteral("http://10.0.0.5:8085"));
    EXPECT_EQ(entries->at(0).pid, 7);
}

TEST(RegistryProcess, BadNodesJsonExitsTwoNamingTheField) {
    auto daemon = fleetd({QStringLiteral(R"(--nodes=[{"name":"n1","host":"h","port":"abc"}])")});
    EXPECT_FALSE(daemon.start(1, 3000));
    daemon.process().waitForFinished(3000);
    EXPECT_EQ(daemon.process().exitCode(), 2);
    EXPECT_TRUE(daemon.errorText().contains(QStringLiteral("nodes[0].port")))
        << daemon.errorText().toStdString();

    auto broken = fleetd({QStringLiteral("--nodes=[{")});
    EXPECT_FALSE(broken.start(1, 3000));
    broken.process().waitForFinished(3000);
    EXPECT_EQ(broken.process().exitCode(), 2);
    EXPECT_TRUE(broken.errorText().contains(QStringLiteral("--nodes")))
        << broken.errorText().toStdString();
}

TEST(RegistryProcess, NoHttpOnlyHeartbeatsUpstream) {
    test::InProcessDaemon head;
    ASSERT_TRUE(head.start());
    QProcess agent;
    agent.start(QStringLiteral(LMCF_FLEETD_PATH),
                {QStringLiteral("--no-http"), QStringLiteral("--host=127.0.0.1"),
                 QStringLiteral("--port=8123"), QStringLiteral("--heartbeat-interval=1"),
                 QStringLiteral("--state-file=") + head.statePath() + QStringLiteral(".agent"),
                 QStringLiteral("--heartbeat-url=") + head.baseUrl() +
                     QStringLiteral("/lmcache_heartbeat")});
    ASSERT_TRUE(agent.waitForStarted(3000));
    EXPECT_TRUE(test::waitUntil(
        [&] {
            return head.app()
                .registry()
                .registry()
                .entry(QStringLiteral("http://127.0.0.1:8123"))
                .has_value();
        },
        5000));
    agent.terminate();
    EXPECT_TRUE(agent.waitForFinished(5000));
    EXPECT_EQ(agent.exitCode(), 0);
}
