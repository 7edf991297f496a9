#include "Workload.h"

#include "QtPrinters.h"
#include "WorkloadMetrics.h"

#include <gtest/gtest.h>

using namespace lmcf;

TEST(Workload, SameSeedSameNumbersDifferentSeedDifferentNode) {
    Workload a(42), b(42), c(43);
    a.advanceTo(120000);
    b.advanceTo(120000);
    c.advanceTo(120000);
    EXPECT_EQ(a.counters().lookupRequestedTokens, b.counters().lookupRequestedTokens);
    EXPECT_EQ(a.l1UsedBytes(), b.l1UsedBytes());
    EXPECT_EQ(WorkloadMetrics::render(a, MetricsFamilies::Both, QStringLiteral("m")),
              WorkloadMetrics::render(b, MetricsFamilies::Both, QStringLiteral("m")));
    EXPECT_NE(a.counters().lookupRequestedTokens, c.counters().lookupRequestedTokens);
}

TEST(Workload, TimeMovesInWholeSecondsOnly) {
    Workload w(1);
    w.advanceTo(999);
    EXPECT_EQ(w.seconds(), 0);
    EXPECT_EQ(w.counters().lookupRequests, 0u);
    w.advanceTo(3500);
    EXPECT_EQ(w.seconds(), 3);
    w.advanceTo(2000); // the clock never goes back
    EXPECT_EQ(w.seconds(), 3);
}

TEST(Workload, CountersGrowAndHitsNeverExceedRequests) {
    Workload w(7);
    quint64 previous = 0;
    for (int s = 1; s <= 60; ++s) {
        w.advanceTo(qint64(s) * 1000);
        const WorkloadCounters &c = w.counters();
        EXPECT_GE(c.lookupRequestedTokens, previous);
        previous = c.lookupRequestedTokens;
        EXPECT_LE(c.lookupHitTokens, c.lookupRequestedTokens);
        EXPECT_LE(c.retrieveRetrievedTokens, c.retrieveRequestedTokens);
    }
    EXPECT_GT(previous, 0u);
}

TEST(Workload, L1FillsThenEvictsBelowItsSize) {
    Workload w(3, 256LL * 1024 * 1024);
    bool evicted = false;
    for (int s = 1; s <= 600 && !evicted; ++s) {
        w.advanceTo(qint64(s) * 1000);
        EXPECT_LE(w.l1UsedBytes(), w.l1TotalBytes());
        evicted = w.counters().evictCount > 0;
    }
    EXPECT_TRUE(evicted);
    EXPECT_GT(w.counters().evictKeysCount, 0u);
    EXPECT_GT(w.chunkLifetime().count, 0u);
    EXPECT_GT(w.objectCount(), 0);
}

TEST(Workload, ClearEmptiesL1AndTheHitRateDropsThenRecovers) {
    Workload w(5);
    w.advanceTo(300000);
    const double before = w.lastHitRate();
    ASSERT_GT(w.l1UsedBytes(), 0);
    ASSERT_GT(before, 0.2);
    w.clear();
    EXPECT_EQ(w.l1UsedBytes(), 0);
    EXPECT_EQ(w.objectCount(), 0);
    w.advanceTo(302000);
    EXPECT_LT(w.lastHitRate(), before / 2);
    w.advanceTo(420000);
    EXPECT_GT(w.lastHitRate(), before * 0.6);
}

TEST(Workload, MetricFamiliesCarryTheSpecNames) {
    Workload w(9);
    w.advanceTo(10000);
    const QByteArray vllm = WorkloadMetrics::render(w, MetricsFamilies::Vllm, QStringLiteral("m"));
    const QByteArray mp = WorkloadMetrics::render(w, MetricsFamilies::Mp, QStringLiteral("m"));
    for (const char *name : {"num_retrieve_requests",
                             "num_store_requests",
                             "num_lookup_requests",
                             "num_retrieve_requested_tokens",
                             "num_retrieve_retrieved_tokens",
                             "num_store_requested_tokens",
                             "num_store_stored_tokens",
                             "num_lookup_requested_tokens",
                             "num_lookup_hit_tokens",
                             "num_vllm_hit_tokens",
                             "num_remote_read_requests",
                             "num_remote_read_bytes",
                             "num_remote_write_requests",
                             "num_remote_write_bytes",
                             "local_cpu_evict_count",
                             "local_cpu_evict_keys_count",
                             "local_cpu_evict_failed_count",
                             "retrieve_hit_rate",
                             "lookup_hit_rate",
                             "local_cache_usage",
                             "remote_cache_usage",
                             "local_storage_usage",
                             "active_memory_objs_count",
                             "pinned_memory_objs_count",
                             "time_to_retrieve",
                             "time_to_store",
                             "retrieve_speed",
                             "store_speed"}) {
        EXPECT_TRUE(vllm.contains(QByteArray("# TYPE lmcache:" + QByteArray(name) + ' '))) << name;
        EXPECT_FALSE(mp.contains(QByteArray("lmcache:" + QByteArray(name)))) << name;
    }
    for (const char *name :
         {"lmcache_mp_sm_read_requests_total", "lmcache_mp_sm_read_succeed_keys_total",
          "lmcache_mp_sm_read_failed_keys_total", "lmcache_mp_sm_write_requests_total",
          "lmcache_mp_sm_write_succeed_keys_total", "lmcache_mp_sm_write_failed_keys_total",
          "lmcache_mp_l1_read_keys_total", "lmcache_mp_l1_write_keys_total",
          "lmcache_mp_l1_evicted_keys_total", "lmcache_mp_lookup_requested_tokens_total",
          "lmcache_mp_lookup_hit_tokens_total", "lmcache_mp_l1_memory_usage_bytes",
          "lmcache_mp_l1_chunk_lifetime_seconds", "target_info"}) {
        EXPECT_TRUE(mp.contains(QByteArray("# TYPE " + QByteArray(name) + ' '))) << name;
        EXPECT_FALSE(vllm.contains(name)) << name;
    }
    EXPECT_TRUE(vllm.contains(R"(lmcache:num_lookup_requests{model_name="m",worker_id="0"} )"));
    EXPECT_TRUE(
        vllm.contains(R"(lmcache:time_to_store_bucket{model_name="m",worker_id="0",le="+Inf"} )"));
}

TEST(Workload, VllmLocalCacheUsageIsBytesAsLmcacheDocumentsIt) {
    Workload w(9);
    w.advanceTo(60000);
    ASSERT_GT(w.l1UsedBytes(), 1);
    const QByteArray vllm = WorkloadMetrics::render(w, MetricsFamilies::Vllm, QStringLiteral("m"));
    const QByteArray line =
        QByteArray(R"(lmcache:local_cache_usage{model_name="m",worker_id="0"} )") +
        QByteArray::number(w.l1UsedBytes()) + '\n';
    EXPECT_TRUE(vllm.contains(line)) << vllm.toStdString();
}
