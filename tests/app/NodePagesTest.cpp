#include "FixtureDaemon.h"
#include "QtPrinters.h"
#include "TestData.h"
#include "WaitUntil.h"
#include "fleet/FleetConnection.h"
#include "models/MetricsTableModel.h"
#include "pages/ClearCachePage.h"
#include "pages/EnvironmentPage.h"
#include "pages/JsonTreePage.h"
#include "pages/LogLevelPage.h"
#include "pages/MetricsPage.h"
#include "pages/NodeView.h"
#include "pages/OverviewPage.h"
#include "pages/ThreadsPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableWidget>

#include <gtest/gtest.h>

using namespace lmcf;

namespace {

class NodePagesTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(daemon.start());
        connection.connectTo(daemon.url(), {});
    }
    static bool settle(NodePage &page, const QString &node) {
        page.setNode(node);
        return test::waitUntil([&] { return page.isSettled(); }, 5000);
    }
    static QString allText(const QWidget &page) {
        QStringList texts;
        for (const QLabel *label : page.findChildren<QLabel *>())
            texts << label->text();
        for (const QTableWidget *table : page.findChildren<QTableWidget *>()) {
            for (int r = 0; r < table->rowCount(); ++r)
                for (int c = 0; c < table->columnCount(); ++c)
                    if (table->item(r, c))
                        texts << table->item(r, c)->text();
        }
        return texts.join(u'\n');
    }
    test::FixtureDaemon daemon;
    FleetConnection connection;
};

} // namespace

TEST_F(NodePagesTest, OverviewShowsTheEngineSnapshotStructured) {
    OverviewPage page(&connection);
    ASSERT_TRUE(settle(page, QStringLiteral("gpu-a-0")));
    const QString text = allText(page);
    for (const char *expected :
         {"healthy", "MPCacheEngine", "256 tokens", "builtin-hash", "0, 1",
          "meta-llama/Llama-3.1-8B-Instruct", "torch.bfloat16", "4,096", "0.3.9-abc1234", " of 2"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(expected))) << expected << "\n"
                                                                << text.toStdString();
}

TEST_F(NodePagesTest, OverviewOfAVllmProcessUsesMetaAndInferenceInfo) {
    OverviewPage page(&connection);
    bool detected = false;
    QObject::connect(&page, &OverviewPage::vllmProcessDetected,
                     [&](bool vllm) { detected = vllm; });
    ASSERT_TRUE(settle(page, QStringLiteral("llama-a_worker0")));
    EXPECT_TRUE(page.showsVllmProcess());
    EXPECT_TRUE(detected);
    const QString text = allText(page);
    for (const char *expected : {"worker", "meta-llama/Llama-3.1-8B-Instruct", "0.8.5", "0.3.9"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(expected))) << expected << "\n"
                                                                << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Status unavailable")));
    // Back on an MP-style node the engine snapshot returns.
    ASSERT_TRUE(settle(page, QStringLiteral("gpu-a-0")));
    EXPECT_FALSE(page.showsVllmProcess());
    EXPECT_FALSE(detected);
}

TEST_F(NodePagesTest, VllmProcessViewHidesClearCacheAndFiltersConfigByName) {
    NodeView view(&connection);
    view.setNode(QStringLiteral("llama-a_scheduler"));
    view.showTab(0);
    const int clear = view.tabs()->indexOf(view.clearCachePage());
    ASSERT_TRUE(test::waitUntil([&] { return !view.tabs()->isTabVisible(clear); }, 5000));
    auto *config = qobject_cast<JsonTreePage *>(view.pages()[4]);
    ASSERT_NE(config, nullptr);
    ASSERT_NE(config->namesField(), nullptr);
    config->namesField()->setText(QStringLiteral("chunk_size, local_cpu"));
    EXPECT_EQ(config->requestPath(), QStringLiteral("conf?names=chunk_size,local_cpu"));
    view.setNode(QStringLiteral("gpu-a-0"));
    view.showTab(0);
    EXPECT_TRUE(test::waitUntil([&] { return view.tabs()->isTabVisible(clear); }, 5000));
}

TEST_F(NodePagesTest, MetricsPageListsSeries) {
    MetricsPage page(&connection);
    ASSERT_TRUE(settle(page, QStringLiteral("proxy_10.0.0.6_8085")));
    EXPECT_EQ(page.model()->rowCount(), 9);
}

TEST_F(NodePagesTest, ThreadsLogLevelsAndConfig) {
    ThreadsPage threads(&connection);
    ASSERT_TRUE(settle(threads, QStringLiteral("gpu-a-0")));
    EXPECT_EQ(threads.threadCount(), 4);
    LogLevelPage levels(&connection);
    ASSERT_TRUE(settle(levels, QStringLiteral("gpu-a-0")));
    EXPECT_EQ(levels.loggerCount(), 5);
    JsonTreePage conf(QStringLiteral("Config"), QStringLiteral("conf"), &connection);
    ASSERT_TRUE(settle(conf, QStringLiteral("gpu-a-0")));
    EXPECT_GT(conf.topLevelCount(), 5);
}

TEST_F(NodePagesTest, MetaOnAnMpNodeIsANoteNotAFailure) {
    JsonTreePage meta(QStringLiteral("Meta"), QStringLiteral("meta"), &connection);
    ASSERT_TRUE(settle(meta, QStringLiteral("proxy_10.0.0.6_8085")));
    EXPECT_EQ(meta.topLevelCount(), 0);
    EXPECT_TRUE(allText(meta).contains(QStringLiteral("does not serve /meta")));
}

TEST_F(NodePagesTest, DownNodeShowsTheDaemonsAnswer) {
    OverviewPage page(&connection);
    ASSERT_TRUE(settle(page, QStringLiteral("proxy_fd00::7_8085")));
    EXPECT_TRUE(allText(page).contains(QStringLiteral("502"))) << allText(page).toStdString();
}

TEST_F(NodePagesTest, EnvironmentMasksSecrets) {
    EXPECT_TRUE(EnvironmentPage::isSecretName(QStringLiteral("HF_TOKEN")));
    EXPECT_TRUE(EnvironmentPage::isSecretName(QStringLiteral("aws_secret_access_key")));
    EXPECT_TRUE(EnvironmentPage::isSecretName(QStringLiteral("REDIS_PASSWORD")));
    EXPECT_FALSE(EnvironmentPage::isSecretName(QStringLiteral("PATH")));
    EXPECT_FALSE(EnvironmentPage::isSecretName(QStringLiteral("CUDA_VISIBLE_DEVICES")));
    EnvironmentPage page(&connection);
    ASSERT_TRUE(settle(page, QStringLiteral("gpu-a-0")));
    EXPECT_EQ(page.variableCount(), 9);
    EXPECT_FALSE(page.shownValue(QStringLiteral("HF_TOKEN")).contains(QStringLiteral("hf_")));
    EXPECT_EQ(page.shownValue(QStringLiteral("PATH")),
              QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    EXPECT_FALSE(allText(page).contains(QStringLiteral("hunter2")));
}

TEST(LogLevelPage, ParsesTheOriginalsText) {
    const auto loggers = LogLevelPage::parse(test::readData(QStringLiteral("app/loglevel.txt")));
    ASSERT_EQ(loggers.size(), 5);
    EXPECT_EQ(loggers[3].first, QStringLiteral("lmcache.v1.storage_backend"));
    EXPECT_EQ(loggers[3].second, QStringLiteral("DEBUG"));
}
