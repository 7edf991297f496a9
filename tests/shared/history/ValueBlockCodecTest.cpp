#include "history/ValueBlockCodec.h"

#include "history/BitReader.h"
#include "history/BitWriter.h"
#include "history/ValueBlockEncoder.h"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <vector>

using namespace lmcf;

namespace {

using Limits = std::numeric_limits<double>;

std::vector<std::uint64_t> bitsOf(const std::vector<double> &values) {
    std::vector<std::uint64_t> bits;
    for (const double v : values)
        bits.push_back(std::bit_cast<std::uint64_t>(v));
    return bits;
}

std::vector<double> roundTrip(const std::vector<double> &values) {
    const auto bytes = ValueBlockCodec::encode(values);
    std::vector<double> out(values.size());
    EXPECT_TRUE(ValueBlockCodec::decode(bytes, out));
    return out;
}

std::vector<double> specialValues() {
    return {Limits::quiet_NaN(),
            -Limits::quiet_NaN(),
            std::bit_cast<double>(std::uint64_t(0x7ff0000000000001)), // signalling NaN
            std::bit_cast<double>(std::uint64_t(0x7ff8dead0000beef)), // NaN with a payload
            Limits::infinity(),
            -Limits::infinity(),
            0.0,
            -0.0,
            Limits::denorm_min(),
            -Limits::denorm_min(),
            Limits::min() / 3,
            Limits::min(),
            Limits::max(),
            Limits::lowest(),
            Limits::epsilon(),
            1.0,
            -1.0,
            1e300,
            -1e-300};
}

} // namespace

TEST(BitStream, ReadsBackWhatWasWrittenAndStopsAtTheEnd) {
    BitWriter writer;
    writer.write(0b101, 3);
    writer.write(~std::uint64_t(0), 64);
    writer.write(0x1234, 13);
    EXPECT_EQ(writer.bitCount(), 80u);
    BitReader reader(writer.bytes());
    std::uint64_t value = 0;
    ASSERT_TRUE(reader.read(3, value));
    EXPECT_EQ(value, 0b101u);
    ASSERT_TRUE(reader.read(64, value));
    EXPECT_EQ(value, ~std::uint64_t(0));
    ASSERT_TRUE(reader.read(13, value));
    EXPECT_EQ(value, 0x1234u & 0x1fffu);
    EXPECT_FALSE(reader.read(1, value));
    EXPECT_TRUE(reader.failed());
    EXPECT_FALSE(reader.read(0, value)); // failed stays failed
}

TEST(BitStream, RefusesImpossibleWidths) {
    const std::vector<std::uint8_t> bytes(16, 0xff);
    std::uint64_t value = 0;
    EXPECT_FALSE(BitReader(bytes).read(65, value));
    EXPECT_FALSE(BitReader(bytes).read(-1, value));
}

TEST(ValueBlockCodec, SpecialValuesSurviveBitForBit) {
    const auto values = specialValues();
    EXPECT_EQ(bitsOf(roundTrip(values)), bitsOf(values));
    // Each after every other, so each is predicted from each.
    std::vector<double> pairs;
    for (const double a : values) {
        for (const double b : values) {
            pairs.push_back(a);
            pairs.push_back(b);
        }
    }
    EXPECT_EQ(bitsOf(roundTrip(pairs)), bitsOf(pairs));
}

TEST(ValueBlockCodec, RandomDoublesSurviveBitForBit) {
    std::mt19937_64 random(42);
    const auto specials = specialValues();
    for (int block = 0; block < 300; ++block) {
        std::vector<double> values(random() % 130);
        for (double &v : values) {
            switch (random() % 4) {
            case 0:
                v = std::bit_cast<double>(random());
                break;
            case 1:
                v = specials[random() % specials.size()];
                break;
            case 2:
                v = double(random() % 1000) / 8;
                break;
            default:
                v = std::ldexp(double(random() % 100), -1070); // denormals
            }
        }
        ASSERT_EQ(bitsOf(roundTrip(values)), bitsOf(values)) << "block " << block;
    }
}

TEST(ValueBlockCodec, ConstantsAndSteadyCountersCostAboutOneBitAPoint) {
    const std::vector<double> gauge(64, 3.25);
    const std::vector<double> missing(64, Limits::quiet_NaN());
    std::vector<double> counter;
    for (int i = 0; i < 64; ++i)
        counter.push_back(1e6 + 10.0 * i);
    for (const auto &values : {gauge, missing, counter}) {
        const auto bytes = ValueBlockCodec::encode(values);
        // 1 mode bit, ≤ 2 values opening windows (≤ 78 bits each), then 1 bit a point.
        EXPECT_LE(bytes.size(), (1u + 2 * 78 + 62 + 7) / 8);
        EXPECT_EQ(bitsOf(roundTrip(values)), bitsOf(values));
    }
}

TEST(ValueBlockCodec, IrregularCountersRoundTrip) {
    std::mt19937_64 random(7);
    double total = 0;
    std::vector<double> counter;
    for (int i = 0; i < 64; ++i) {
        total += double(random() % 3) * 0.1;         // non-representable steps: no exact arithmetic
        counter.push_back(i % 20 == 19 ? 0 : total); // and a reset now and then
    }
    EXPECT_EQ(bitsOf(roundTrip(counter)), bitsOf(counter));
}

TEST(ValueBlockCodec, TruncatedBlocksFailWithoutReadingPastTheEnd) {
    std::mt19937_64 random(3);
    std::vector<double> values(40);
    for (double &v : values)
        v = std::bit_cast<double>(random());
    const auto bytes = ValueBlockCodec::encode(values);
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        // A copy of exactly `size` bytes, so AddressSanitizer sees any overrun.
        const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + std::ptrdiff_t(size));
        std::vector<double> out(values.size());
        EXPECT_FALSE(ValueBlockCodec::decode(cut, out)) << size;
        EXPECT_TRUE(std::isnan(out.back()));
    }
}

TEST(ValueBlockCodec, AWindowWiderThanADoubleIsRefused) {
    BitWriter writer;
    writer.writeBit(false); // prediction: previous
    writer.write(0b11, 2);  // a new window...
    writer.write(40, 6);    // 40 leading zeros
    writer.write(63, 6);    // and 64 meaningful bits
    writer.write(~std::uint64_t(0), 64);
    std::vector<double> out(1);
    EXPECT_FALSE(ValueBlockCodec::decode(writer.bytes(), out));
}

TEST(ValueBlockCodec, AnyBytesDecodeOrFailCleanly) {
    std::mt19937_64 random(11);
    for (int i = 0; i < 2000; ++i) {
        std::vector<std::uint8_t> bytes(random() % 64);
        for (auto &b : bytes)
            b = std::uint8_t(random());
        std::vector<double> out(random() % 100);
        (void)ValueBlockCodec::decode(bytes, out); // only "no crash" is promised here
    }
    std::vector<double> none;
    EXPECT_TRUE(ValueBlockCodec::decode({}, none));
}
