// The history source setting: command line, remembered settings and the connection dialog.
#include "settings/ConnectionSettings.h"

#include "AppOptions.h"
#include "ConnectionDialog.h"
#include "QtPrinters.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using HistoryAuth = ConnectionSettings::HistoryAuth;

namespace {

Outcome<AppOptions> parse(QStringList arguments) {
    arguments.prepend(QStringLiteral("lmcache-fleet"));
    return AppOptions::parse(arguments);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text) {
    QFile file(dir.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(text);
    return file.fileName();
}

} // namespace

TEST(AppOptions, HistoryUrlAndTokenFile) {
    const auto options = parse({QStringLiteral("--history-url"), QStringLiteral("prom:9090"),
                                QStringLiteral("--history-token-file"), QStringLiteral("/t")});
    ASSERT_TRUE(options.ok()) << options.error().toStdString();
    ASSERT_TRUE(options->historyUrl.has_value());
    EXPECT_EQ(*options->historyUrl, QUrl(QStringLiteral("http://prom:9090")));
    ConnectionSettings settings;
    settings.historyAuth = HistoryAuth::DaemonToken;
    options->applyTo(settings);
    EXPECT_EQ(settings.historyUrl, QUrl(QStringLiteral("http://prom:9090")));
    EXPECT_EQ(settings.historyAuth, HistoryAuth::TokenFile);
    EXPECT_EQ(settings.historyTokenFile, QStringLiteral("/t"));

    const auto daemon = parse({QStringLiteral("--history-url=daemon")});
    ASSERT_TRUE(daemon.ok());
    settings.historyUrl = QUrl(QStringLiteral("http://old:9090"));
    daemon->applyTo(settings);
    EXPECT_FALSE(settings.historyUrl.isValid());
    EXPECT_EQ(settings.historyAuth, HistoryAuth::None);

    EXPECT_FALSE(parse({QStringLiteral("--history-url=ftp://prom")}).ok());
    EXPECT_FALSE(parse({QStringLiteral("--history-token-file=/t")}).ok());
    const auto none = parse({});
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->historyUrl.has_value());
}

TEST(ConnectionSettings, RemembersTheHistorySourceButNoToken) {
    QTemporaryDir dir;
    const QString tokenFile = writeFile(dir, QStringLiteral("prom.token"), "s3cret\n");
    {
        QSettings stored(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        ConnectionSettings settings;
        settings.daemon = QUrl(QStringLiteral("http://head:8000"));
        settings.historyUrl = QUrl(QStringLiteral("https://prom:9090"));
        settings.historyAuth = HistoryAuth::TokenFile;
        settings.historyTokenFile = tokenFile;
        settings.historyToken = QStringLiteral("s3cret");
        settings.save(stored);
    }
    QSettings stored(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    ConnectionSettings loaded = ConnectionSettings::load(stored);
    EXPECT_EQ(loaded.historyUrl, QUrl(QStringLiteral("https://prom:9090")));
    EXPECT_EQ(loaded.historyAuth, HistoryAuth::TokenFile);
    EXPECT_TRUE(loaded.historyToken.isEmpty());
    for (const QString &key : stored.allKeys())
        EXPECT_NE(stored.value(key).toString(), QStringLiteral("s3cret")) << key.toStdString();
    EXPECT_EQ(loaded.readHistoryTokenFile(), QString());
    EXPECT_EQ(loaded.historyBearer(), QStringLiteral("s3cret"));

    loaded.token = QStringLiteral("daemon-token");
    loaded.historyAuth = HistoryAuth::DaemonToken;
    EXPECT_EQ(loaded.historyBearer(), QStringLiteral("daemon-token"));
    loaded.historyAuth = HistoryAuth::None;
    EXPECT_EQ(loaded.historyBearer(), QString());
    loaded.historyAuth = HistoryAuth::TokenFile;
    loaded.historyTokenFile.clear();
    EXPECT_FALSE(loaded.readHistoryTokenFile().isEmpty());
}

TEST(ConnectionDialog, ChoosesPrometheusAsHistorySource) {
    QTemporaryDir dir;
    const QString tokenFile = writeFile(dir, QStringLiteral("prom.token"), "abc\n");
    ConnectionSettings current;
    current.daemon = QUrl(QStringLiteral("http://head:8000"));
    ConnectionDialog dialog(current);
    auto *source = dialog.findChild<QComboBox *>(QStringLiteral("historySource"));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("historyUrl"));
    auto *auth = dialog.findChild<QComboBox *>(QStringLiteral("historyAuth"));
    auto *file = dialog.findChild<QLineEdit *>(QStringLiteral("historyTokenFile"));
    ASSERT_TRUE(source && url && auth && file);
    EXPECT_EQ(source->currentIndex(), 0);
    EXPECT_FALSE(url->isEnabled());

    source->setCurrentIndex(1);
    EXPECT_TRUE(url->isEnabled());
    url->setText(QStringLiteral("ftp://prom:9090"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), 0);
    EXPECT_TRUE(dialog.findChild<QLabel *>(QStringLiteral("problem"))->isVisibleTo(&dialog));

    url->setText(QStringLiteral("http://127.0.0.1:9090"));
    auth->setCurrentIndex(auth->findData(int(HistoryAuth::TokenFile)));
    EXPECT_TRUE(file->isEnabledTo(&dialog));
    file->setText(tokenFile);
    dialog.accept();
    EXPECT_EQ(dialog.result(), int(QDialog::Accepted));
    const ConnectionSettings chosen = dialog.settings();
    EXPECT_EQ(chosen.historyUrl, QUrl(QStringLiteral("http://127.0.0.1:9090")));
    EXPECT_EQ(chosen.historyBearer(), QStringLiteral("abc"));

    ConnectionDialog again(chosen);
    EXPECT_EQ(again.findChild<QComboBox *>(QStringLiteral("historySource"))->currentIndex(), 1);
    EXPECT_EQ(again.findChild<QLineEdit *>(QStringLiteral("historyUrl"))->text(),
              QStringLiteral("http://127.0.0.1:9090"));
}

TEST(AppOptions, SeveralDaemonsPairWithTheirTokenFiles) {
    ConnectionSettings remembered;
    remembered.daemon = QUrl(QStringLiteral("http://a:8000"));
    remembered.tokenFile = QStringLiteral("/remembered");

    const auto two =
        parse({QStringLiteral("--daemon=a:8000"), QStringLiteral("--daemon=b:8000"),
               QStringLiteral("--token-file=/ta"), QStringLiteral("--token-file=/tb")});
    ASSERT_TRUE(two.ok()) << two.error().toStdString();
    const QList<ConnectionSettings> paired = two->connections(remembered);
    ASSERT_EQ(paired.size(), 2);
    EXPECT_EQ(paired[0].daemon, QUrl(QStringLiteral("http://a:8000")));
    EXPECT_EQ(paired[0].tokenFile, QStringLiteral("/ta"));
    EXPECT_EQ(paired[1].daemon, QUrl(QStringLiteral("http://b:8000")));
    EXPECT_EQ(paired[1].tokenFile, QStringLiteral("/tb"));

    // No token file named: the remembered one stays with the daemon it was remembered for.
    const auto bare = parse({QStringLiteral("--daemon=a:8000"), QStringLiteral("--daemon=b:8000")});
    ASSERT_TRUE(bare.ok());
    const QList<ConnectionSettings> kept = bare->connections(remembered);
    EXPECT_EQ(kept[0].tokenFile, QStringLiteral("/remembered"));
    EXPECT_TRUE(kept[1].tokenFile.isEmpty());

    // One token file serves every daemon.
    const auto shared = parse({QStringLiteral("--daemon=a:8000"), QStringLiteral("--daemon=b:8000"),
                               QStringLiteral("--token-file=/t")});
    ASSERT_TRUE(shared.ok());
    EXPECT_EQ(shared->connections(remembered)[1].tokenFile, QStringLiteral("/t"));

    const auto mismatched =
        parse({QStringLiteral("--daemon=a:8000"), QStringLiteral("--token-file=/ta"),
               QStringLiteral("--token-file=/tb")});
    ASSERT_FALSE(mismatched.ok());
    EXPECT_TRUE(mismatched.error().contains(QStringLiteral("1 daemons, 2 token files")))
        << mismatched.error().toStdString();
    EXPECT_FALSE(parse({QStringLiteral("--daemon=a:8000"), QStringLiteral("--daemon=b:8000"),
                        QStringLiteral("--screenshot=/tmp/x")})
                     .ok());

    // Without --daemon: the remembered connection, once.
    const auto none = parse({});
    ASSERT_TRUE(none.ok());
    ASSERT_EQ(none->connections(remembered).size(), 1);
    EXPECT_EQ(none->connections(remembered)[0].tokenFile, QStringLiteral("/remembered"));
}
