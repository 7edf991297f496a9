// The registry's state across restarts: state file, corrupt files, API-added nodes, /dev/null.
#include "QtPrinters.h"
#include "RegistryRig.h"
#include "registry/NodeCatalog.h"
#include "registry/NodeRegistry.h"
#include "registry/RegistryService.h"
#include "registry/RegistryStateFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using test::fetch;
using test::InProcessDaemon;

namespace {
const QString kNode = QStringLiteral("http://127.0.0.1:9001");
} // namespace

TEST(RegistryState, CorruptStateFileIsSetAsideAndTheDaemonStartsEmpty) {
    InProcessDaemon daemon;
    {
        QFile file(daemon.statePath());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
    }
    ASSERT_TRUE(daemon.start());
    EXPECT_FALSE(daemon.app().registry().restoreProblem().isEmpty());
    EXPECT_EQ(daemon.app().registry().registry().size(), 0);
    const QDir dir = QFileInfo(daemon.statePath()).dir();
    EXPECT_EQ(dir.entryList({QStringLiteral("registry.json.corrupt-*")}).size(), 1);
    EXPECT_EQ(daemon.heartbeat(kNode).status, 200);
    daemon.app().shutdown();
    const auto saved = RegistryStateFile(daemon.statePath()).load();
    ASSERT_TRUE(saved) << saved.error().toStdString();
    EXPECT_EQ(saved->entries.size(), 1);
}

TEST(RegistryState, NodesAddedThroughTheApiSurviveARestart) {
    QTemporaryDir dir;
    DaemonOptions options;
    options.stateFile = dir.filePath(QStringLiteral("state.json"));
    {
        InProcessDaemon daemon(options);
        ASSERT_TRUE(daemon.start());
        ASSERT_EQ(fetch(daemon.url(QStringLiteral("/api/proxies")), "POST",
                        R"({"name":"p1","host":"127.0.0.1","port":9100,)"
                        R"("nodes":[{"name":"n1","host":"127.0.0.1","port":9101}]})")
                      .status,
                  201);
    }
    InProcessDaemon again(options);
    ASSERT_TRUE(again.start());
    EXPECT_EQ(again.app().registry().catalog().baseUrlOf(QStringLiteral("n1")),
              QUrl(QStringLiteral("http://127.0.0.1:9101")));
}

TEST(RegistryState, DevNullAsStateFileTurnsPersistenceOff) {
    DaemonOptions options;
    options.stateFile = QStringLiteral("/dev/null");
    {
        InProcessDaemon daemon(options);
        ASSERT_TRUE(daemon.start());
        EXPECT_TRUE(daemon.app().registry().restoreProblem().isEmpty());
        EXPECT_EQ(daemon.heartbeat(kNode).status, 200);
        EXPECT_EQ(fetch(daemon.url(QStringLiteral("/api/proxies")), "POST",
                        R"({"name":"p1","host":"127.0.0.1","port":9100})")
                      .status,
                  201);
    }
    EXPECT_FALSE(QFileInfo(QStringLiteral("/dev/null")).isFile());
    EXPECT_FALSE(QFileInfo::exists(QStringLiteral("/dev/null.manual-nodes.json")));
}
