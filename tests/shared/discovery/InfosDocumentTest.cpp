#include "discovery/InfosDocument.h"

#include "QtPrinters.h"
#include "TestData.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace lmcf;
using namespace Qt::StringLiterals;

namespace {

QDateTime local(const QString &text) {
    return InfosDocument::parseTime(text);
}

InfosEntry entry(const QString &address, const QString &version, const QString &last) {
    InfosEntry e;
    e.apiAddress = address;
    e.pid = 4242;
    e.version = version;
    e.startTime = local(u"2026-11-20 10:00:00"_s);
    e.lastReportTime = local(last);
    e.otherInfo = u"{\"nodes_count\":1}"_s;
    return e;
}

} // namespace

TEST(InfosDocument, ReadsTheSpecSample) {
    const auto entries = InfosDocument::read(test::readData(u"infos/spec-sample.json"_s));
    ASSERT_TRUE(entries.ok()) << entries.error().toStdString();
    ASSERT_EQ(entries->size(), 1);
    const InfosEntry &e = entries->front();
    EXPECT_EQ(e.apiAddress, u"http://10.0.0.5:8085"_s);
    EXPECT_EQ(e.pid, 4242);
    EXPECT_EQ(e.version, u"0.3.9"_s);
    EXPECT_EQ(InfosDocument::formatTime(e.startTime), u"2026-11-20 10:00:00"_s);
    EXPECT_EQ(InfosDocument::formatTime(e.lastReportTime), u"2026-11-20 10:05:00"_s);
    EXPECT_EQ(e.otherInfo, u"{\"nodes_count\":1}"_s);
}

TEST(InfosDocument, ReadsWhatTheOriginalFlaskServiceEmits) {
    const auto entries = InfosDocument::read(test::readData(u"infos/original-flask.json"_s));
    ASSERT_TRUE(entries.ok()) << entries.error().toStdString();
    ASSERT_EQ(entries->size(), 3);
    EXPECT_FALSE(entries->at(1).pid.has_value());
    EXPECT_EQ(entries->at(2).apiAddress, u"http://[fd00::7]:8085"_s);
}

TEST(InfosDocument, WritesTheOriginalShapeWithSortedKeys) {
    const QList<InfosEntry> entries{
        entry(u"http://10.0.0.5:8085"_s, u"0.3.9"_s, u"2026-11-20 10:05:00"_s)};
    const QByteArray json = InfosDocument::write(entries);
    // Same bytes as Flask's jsonify (sorted keys, compact) for this entry.
    EXPECT_EQ(json, QByteArray(R"({"processCount":1,"processInfos":{"http://10.0.0.5:8085":{)"
                               R"("count":1,"lmCacheInfoEntities":[{"apiAddress":)"
                               R"("http://10.0.0.5:8085","ipAddress":null,"lastReportTime":)"
                               R"("2026-11-20 10:05:00","otherInfo":"{\"nodes_count\":1}",)"
                               R"("pid":4242,"startTime":"2026-11-20 10:00:00","version":)"
                               R"("0.3.9"}]}},"versionCount":1,"versions":null})"));
}

TEST(InfosDocument, RoundTripsAndCounts) {
    QList<InfosEntry> entries{
        entry(u"http://10.0.0.5:8085"_s, u"0.3.9"_s, u"2026-11-20 10:05:00"_s),
        entry(u"http://10.0.0.6:8085"_s, u"0.3.9"_s, u"2026-11-20 10:05:00"_s),
        entry(u"https://[fd00::5]:8085"_s, u"0.4.0"_s, u"2026-11-20 10:04:00"_s)};
    entries[1].pid.reset();
    const QByteArray json = InfosDocument::write(entries);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    EXPECT_EQ(root.value(u"processCount"_s).toInt(), 3);
    EXPECT_EQ(root.value(u"versionCount"_s).toInt(), 2);
    EXPECT_TRUE(root.value(u"versions"_s).isNull());
    const auto back = InfosDocument::read(json);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), entries);
    EXPECT_EQ(InfosDocument::read(InfosDocument::write({})).value().size(), 0);
}

TEST(InfosDocument, ReaderIsLenientButNotBlind) {
    EXPECT_TRUE(InfosDocument::read("{}").ok());
    EXPECT_FALSE(InfosDocument::read("[]").ok());
    EXPECT_FALSE(InfosDocument::read("{").ok());
    EXPECT_FALSE(InfosDocument::read(R"({"processInfos":[]})").ok());
    const auto noList = InfosDocument::read(R"({"processInfos":{"http://h:1":{}}})");
    ASSERT_FALSE(noList.ok());
    EXPECT_TRUE(noList.error().contains(u"http://h:1"_s));
    // An entity without apiAddress takes its key; an object otherInfo is kept as its JSON.
    const auto e = InfosDocument::read(
        R"({"processInfos":{"http://h:1":{"lmCacheInfoEntities":[{"otherInfo":{"a":1},"pid":"x"}]}}})");
    ASSERT_TRUE(e.ok());
    ASSERT_EQ(e->size(), 1);
    EXPECT_EQ(e->front().apiAddress, u"http://h:1"_s);
    EXPECT_EQ(e->front().otherInfo, u"{\"a\":1}"_s);
    EXPECT_FALSE(e->front().pid.has_value());
    EXPECT_FALSE(e->front().lastReportTime.isValid());
}

TEST(InfosDocument, WindowFromQueryHourWinsOverMinute) {
    EXPECT_EQ(InfosDocument::windowSeconds(QUrlQuery(u"minute=5"_s)), 300);
    EXPECT_EQ(InfosDocument::windowSeconds(QUrlQuery(u"hour=2&minute=5"_s)), 7200);
    EXPECT_EQ(InfosDocument::windowSeconds(QUrlQuery(u"hour=x&minute=5"_s)), 300);
    EXPECT_FALSE(InfosDocument::windowSeconds(QUrlQuery(u"minute=1.5"_s)).has_value());
    EXPECT_FALSE(InfosDocument::windowSeconds(QUrlQuery()).has_value());
}

TEST(InfosDocument, RecentKeepsEntriesInsideTheWindow) {
    const QList<InfosEntry> entries{entry(u"http://a:1"_s, u"1"_s, u"2026-11-20 10:05:00"_s),
                                    entry(u"http://b:1"_s, u"1"_s, u"2026-11-20 10:00:00"_s),
                                    entry(u"http://c:1"_s, u"1"_s, u"2026-11-20 09:59:59"_s),
                                    entry(u"http://d:1"_s, u"1"_s, u"garbage"_s)};
    const QDateTime now = local(u"2026-11-20 10:05:00"_s);
    const auto kept = InfosDocument::recent(entries, 300, now);
    ASSERT_EQ(kept.size(), 2);
    EXPECT_EQ(kept.at(1).apiAddress, u"http://b:1"_s);
    EXPECT_EQ(InfosDocument::recent(entries, 0, now).size(), 1);
}
