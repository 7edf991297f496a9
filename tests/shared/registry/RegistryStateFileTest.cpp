#include "registry/RegistryStateFile.h"

#include "QtPrinters.h"
#include "WaitUntil.h"
#include "registry/RegistryPersistence.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

RegistryEntry sampleEntry(const QString &address) {
    RegistryEntry e;
    e.apiAddress = address;
    e.pid = 42;
    e.version = u"0.3.9"_s;
    e.otherInfo = u"{\"heartbeat_interval\":10}"_s;
    e.clientAddress = u"10.0.0.5"_s;
    e.startTimeMs = 1'700'000'000'000;
    e.lastReportMs = 1'700'000'060'000;
    e.intervalMs = 10'000;
    return e;
}

//! Counts saves; a real store decorated, not a mock.
class CountingStore final : public RegistryStore {
public:
    explicit CountingStore(QString path)
        : m_file(std::move(path)) {}
    Outcome<RegistryState> load() override { return m_file.load(); }
    Outcome<bool> save(const RegistryState &state) override {
        ++saves;
        return m_file.save(state);
    }
    int saves = 0;

private:
    RegistryStateFile m_file;
};

} // namespace

TEST(RegistryStateFile, SavesAndLoadsEntries) {
    QTemporaryDir dir;
    RegistryStateFile file(dir.filePath(u"sub/dir/registry.json"_s));
    EXPECT_EQ(file.load().value(), RegistryState{}); // missing file: empty, not an error
    RegistryEntry v6 = sampleEntry(u"https://[fd00::5]:8085"_s);
    v6.pid.reset();
    const QList<RegistryEntry> entries{sampleEntry(u"http://10.0.0.5:8085"_s), v6};
    ASSERT_TRUE(file.save(RegistryState{entries, 41}).ok());
    const auto loaded = file.load();
    ASSERT_TRUE(loaded.ok()) << loaded.error().toStdString();
    EXPECT_EQ(loaded->entries, entries);
    EXPECT_EQ(loaded->index, 41u);
    // Overwrite is atomic (QSaveFile): no temp files left next to it.
    ASSERT_TRUE(file.save(RegistryState{{entries.front()}, 42}).ok());
    EXPECT_EQ(QDir(dir.filePath(u"sub/dir"_s)).entryList(QDir::Files),
              QStringList{u"registry.json"_s});
    EXPECT_EQ(file.load()->entries.size(), 1);
}

TEST(RegistryStateFile, CorruptFileIsMovedAsideAndReported) {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"registry.json"_s);
    for (const QByteArray &garbage : {QByteArray("{not json"), QByteArray(R"({"entries":[]})")}) {
        QFile out(path);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(garbage);
        out.close();
        RegistryStateFile file(path);
        const auto loaded = file.load();
        ASSERT_FALSE(loaded.ok());
        EXPECT_TRUE(loaded.error().contains(u"moved aside to "_s + path + u".corrupt-"_s))
            << loaded.error().toStdString();
        EXPECT_FALSE(QFile::exists(path));
        const QStringList aside =
            QDir(dir.path()).entryList({u"registry.json.corrupt-*"_s}, QDir::Files);
        ASSERT_EQ(aside.size(), 1);
        EXPECT_TRUE(file.load().ok()); // next start: empty
        QFile::remove(dir.filePath(aside.front()));
    }
}

TEST(RegistryStateFile, EmptyFileAndDevicesAreEmptyStatesNeverMovedAside) {
    QTemporaryDir dir;
    const QString empty = dir.filePath(u"empty.json"_s);
    QFile(empty).open(QIODevice::WriteOnly);
    const auto fromEmpty = RegistryStateFile(empty).load();
    ASSERT_TRUE(fromEmpty) << fromEmpty.error().toStdString();
    EXPECT_TRUE(fromEmpty->entries.isEmpty());

    EXPECT_TRUE(RegistryStateFile::isSpecial(u"/dev/null"_s));
    EXPECT_FALSE(RegistryStateFile::isSpecial(empty));
    RegistryStateFile devNull(u"/dev/null"_s);
    EXPECT_TRUE(devNull.load());
    EXPECT_TRUE(devNull.save({}));
    EXPECT_FALSE(QFileInfo(u"/dev/null"_s).isFile());
}

TEST(RegistryStateFile, DefaultPathFollowsXdgStateHome) {
    const QByteArray saved = qgetenv("XDG_STATE_HOME");
    qputenv("XDG_STATE_HOME", "/var/lib/x");
    EXPECT_EQ(RegistryStateFile::defaultPath(), u"/var/lib/x/lmcache-fleet/registry.json"_s);
    qputenv("XDG_STATE_HOME", "relative");
    EXPECT_EQ(RegistryStateFile::defaultPath(),
              QDir::homePath() + u"/.local/state/lmcache-fleet/registry.json"_s);
    if (saved.isNull())
        qunsetenv("XDG_STATE_HOME");
    else
        qputenv("XDG_STATE_HOME", saved);
}

TEST(RegistryPersistence, DebouncesABurstIntoOneSaveAndRestores) {
    QTemporaryDir dir;
    const QString path = dir.filePath(u"registry.json"_s);
    qint64 now = 1'700'000'000'000;
    NodeRegistry registry([&now] { return now; });
    CountingStore store(path);
    RegistryPersistence persistence(&registry, &store);
    persistence.setDebounceMs(20);
    for (int i = 1; i <= 5; ++i)
        registry.recordHeartbeat(Heartbeat{u"http://10.0.0.%1:8085"_s.arg(i), i, u"v"_s, {}});
    EXPECT_TRUE(persistence.isPending());
    EXPECT_EQ(store.saves, 0);
    ASSERT_TRUE(test::waitUntil([&] { return store.saves > 0; }));
    test::processEventsFor(50);
    EXPECT_EQ(store.saves, 1);
    EXPECT_FALSE(persistence.isPending());

    // A refresh alone schedules nothing; flush() writes it.
    now += 1000;
    registry.recordHeartbeat(Heartbeat{u"http://10.0.0.1:8085"_s, 1, u"v"_s, {}});
    EXPECT_FALSE(persistence.isPending());
    EXPECT_TRUE(persistence.flush());
    EXPECT_EQ(store.saves, 2);

    NodeRegistry restarted([&now] { return now; });
    CountingStore again(path);
    RegistryPersistence second(&restarted, &again);
    const auto restored = second.restore();
    ASSERT_TRUE(restored.ok()) << restored.error().toStdString();
    EXPECT_EQ(restored.value(), 5);
    EXPECT_FALSE(second.isPending());
    EXPECT_EQ(restarted.entry(u"http://10.0.0.1:8085"_s)->lastReportMs, now);
    EXPECT_EQ(restarted.snapshot(), registry.snapshot());
    EXPECT_EQ(restarted.index(), registry.index() + 1); // never goes back across a restart
}

TEST(RegistryPersistence, ReportsAFailedSave) {
    QTemporaryDir dir;
    QFile blocker(dir.filePath(u"file"_s));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    NodeRegistry registry;
    RegistryStateFile file(dir.filePath(u"file/registry.json"_s)); // parent is a file
    RegistryPersistence persistence(&registry, &file);
    EXPECT_FALSE(persistence.flush());
    EXPECT_FALSE(persistence.lastError().isEmpty());
}
