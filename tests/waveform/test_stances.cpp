// Stance detection: the Fukuchi 2017 trial's contact count, threshold-crossing invariants,
// hysteresis, incomplete edges, merging and spike removal, the block scan against a plain
// per-sample scan, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "fukuchi.hpp"
#include "strideload/waveform/stances.hpp"

namespace sl = strideload;
namespace wf = strideload::waveform;

namespace {

// Vertical force Fy [N] of the bundled Fukuchi 2017 trial (300 Hz, single belt).
std::vector<double> fukuchi_fy() { return test::fukuchi_column(2); }

// Half-sine contacts of contact_s separated by flight_s of zero force, starting with
// lead_flight_s of flight, sampled at rate_hz for `steps` steps (then flight to the end).
std::vector<double> half_sines(double peak_N, double contact_s, double flight_s, double rate_hz,
                               int steps, double lead_flight_s) {
    const double step_s = contact_s + flight_s;
    const auto n = static_cast<std::size_t>(
        std::llround((lead_flight_s + steps * step_s + flight_s) * rate_hz));
    std::vector<double> f(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / rate_hz - lead_flight_s;
        if (t < 0) continue;
        const double k = std::floor(t / step_s);
        const double u = t - k * step_s;
        if (k < steps && u < contact_s) f[i] = peak_N * std::sin(std::numbers::pi * u / contact_s);
    }
    return f;
}

}  // namespace

TEST_CASE("Fukuchi trial: 79 contacts above 50 N longer than 0.1 s, the first cut by the start") {
    const std::vector<double> fy = fukuchi_fy();
    REQUIRE(fy.size() == 9000);
    const double fs = 300.0;
    const auto st = wf::detect_stances(fy, sl::hertz(fs));
    // tests/data/fukuchi2017/README.md: "79 steps" (runs > 50 N longer than 0.1 s, numpy). The
    // trial starts inside a contact, which is the first of the 79.
    REQUIRE(st.size() == 79);
    CHECK_FALSE(st.front().complete);
    CHECK(st.front().begin == 0);
    CHECK(st.front().touchdown_s == 0.0);
    for (std::size_t i = 1; i < st.size(); ++i) {
        CAPTURE(i);
        const wf::Stance& s = st[i];
        CHECK(s.complete);
        CHECK(s.begin >= st[i - 1].end);
        const auto b = static_cast<std::size_t>(s.begin), e = static_cast<std::size_t>(s.end);
        // The crossings lie between the samples that straddle 50 N.
        CHECK(fy[b - 1] <= 50.0);
        CHECK(fy[b] > 50.0);
        CHECK(fy[e - 1] >= 50.0);
        CHECK(fy[e] < 50.0);
        CHECK(s.touchdown_s >= double(s.begin - 1) / fs);
        CHECK(s.touchdown_s < double(s.begin) / fs);
        CHECK(s.takeoff_s > double(s.end - 1) / fs);
        CHECK(s.takeoff_s <= double(s.end) / fs);
        CHECK(s.takeoff_s - s.touchdown_s > 0.1);
        for (std::size_t k = b; k < e; ++k) REQUIRE(fy[k] >= 50.0);
    }
    // The noise spikes above 50 N in flight are shorter than 0.1 s: without min_contact they
    // come back as contacts of their own.
    wf::StanceOptions all;
    all.min_contact = sl::seconds(0.0);
    CHECK(wf::detect_stances(fy, sl::hertz(fs), all).size() > 79);
}

TEST_CASE("half-sine train: touchdown and take-off at the exact threshold crossings") {
    const double rate = 1000.0, tc = 0.25, tf = 0.1, peak = 1800.0, lead = 0.0503;
    const auto f = half_sines(peak, tc, tf, rate, 20, lead);
    const auto st = wf::detect_stances(f, sl::hertz(rate));
    REQUIRE(st.size() == 20);
    // F = peak sin(π t / tc) crosses 50 N at δ = tc/π asin(50 / peak) after the contact starts.
    const double delta = tc / std::numbers::pi * std::asin(50.0 / peak);
    for (int k = 0; k < 20; ++k) {
        CAPTURE(k);
        const wf::Stance& s = st[static_cast<std::size_t>(k)];
        CHECK(s.complete);
        // Linear interpolation of a sine near its zero: error ~ h² · curvature, < 1e-7 s here.
        CHECK(std::abs(s.touchdown_s - (lead + k * (tc + tf) + delta)) < 1e-7);
        CHECK(std::abs(s.takeoff_s - (lead + k * (tc + tf) + tc - delta)) < 1e-7);
    }
}

TEST_CASE("hysteresis: a force chattering around the threshold ends the contact once") {
    // Up to 800 N, then down through a band where the force alternates 45 / 55 N for 40 ms.
    const double rate = 1000.0;
    std::vector<double> f(50, 5.0);
    for (int i = 1; i <= 100; ++i) f.push_back(8.0 * i);
    for (int i = 0; i < 100; ++i) f.push_back(800.0 - 7.45 * i);
    for (int i = 0; i < 40; ++i) f.push_back(i % 2 ? 45.0 : 55.0);
    f.insert(f.end(), 60, 5.0);

    wf::StanceOptions opt;
    opt.min_contact = sl::seconds(0.0);
    const auto chatter = wf::detect_stances(f, sl::hertz(rate), opt);
    CHECK(chatter.size() == 20);  // the main contact, then 19 one-sample 55 N blips
    opt.release = sl::newtons(20.0);
    const auto clean = wf::detect_stances(f, sl::hertz(rate), opt);
    REQUIRE(clean.size() == 1);
    CHECK(clean[0].complete);
    CHECK(clean[0].begin == 56);                 // 8 N × 7 = 56 N, the first sample above 50 N
    CHECK(clean[0].end == 50 + 100 + 100 + 40);  // the first sample below 20 N
}

TEST_CASE("a signal that starts or ends inside a contact flags those contacts incomplete") {
    const double rate = 500.0;
    auto f = half_sines(1500.0, 0.3, 0.12, rate, 6, 0.0);
    // Cut 40 ms into the first contact and 150 ms into the last (the next test cuts them
    // shorter than min_contact).
    std::vector<double> cut(f.begin() + 20, f.begin() + static_cast<long>(5 * 0.42 * rate) + 75);
    const auto st = wf::detect_stances(cut, sl::hertz(rate));
    REQUIRE(st.size() == 6);
    CHECK_FALSE(st.front().complete);
    CHECK(st.front().begin == 0);
    CHECK_FALSE(st.back().complete);
    CHECK(st.back().end == static_cast<Eigen::Index>(cut.size()));
    CHECK(st.back().takeoff_s == double(cut.size() - 1) / rate);
    for (std::size_t i = 1; i + 1 < st.size(); ++i) CHECK(st[i].complete);
}

TEST_CASE("contacts cut by the ends of the signal are kept however short their visible part") {
    const double rate = 1000.0, tc = 0.25, tf = 0.1, peak = 1500.0;
    const auto f = half_sines(peak, tc, tf, rate, 5, 0.0);
    // Start 30 ms before the end of the first contact (its visible part 30 − δ ms long), end
    // 40 ms into the fifth (δ = tc/π asin(50/peak) = 2.65 ms before 50 N is reached): both
    // visible parts are shorter than min_contact = 0.1 s.
    const double delta = tc / std::numbers::pi * std::asin(50.0 / peak);
    const std::size_t from = 220, to = static_cast<std::size_t>(4 * (tc + tf) * rate) + 40;
    const std::vector<double> cut(f.begin() + static_cast<long>(from),
                                  f.begin() + static_cast<long>(to));
    const double t0 = static_cast<double>(from) / rate;  // time of cut[0] in f
    const auto st = wf::detect_stances(cut, sl::hertz(rate));
    REQUIRE(st.size() == 5);
    CHECK_FALSE(st.front().complete);
    CHECK(st.front().begin == 0);
    CHECK(st.front().takeoff_s - st.front().touchdown_s < 0.1);
    CHECK_FALSE(st.back().complete);
    CHECK(st.back().end == static_cast<Eigen::Index>(cut.size()));
    CHECK(st.back().takeoff_s - st.back().touchdown_s < 0.1);
    for (std::size_t i = 1; i + 1 < st.size(); ++i) CHECK(st[i].complete);
    // The cut contacts' touchdowns still bound their neighbours' flights: 0.1 s + 2δ each, to
    // within the linear interpolation error of the sine (< 1e-6 s at 1 kHz).
    CHECK(std::abs(st[1].touchdown_s - st[0].takeoff_s - (tf + 2 * delta)) < 1e-6);
    CHECK(std::abs(st[4].touchdown_s - st[3].takeoff_s - (tf + 2 * delta)) < 1e-6);
    CHECK(std::abs(st[4].touchdown_s - (4 * (tc + tf) + delta - t0)) < 1e-6);
    // A complete contact of the same visible length is still a spike and is dropped.
    std::vector<double> spike(cut);
    spike.insert(spike.end(), 20, 0.0);
    CHECK(wf::detect_stances(spike, sl::hertz(rate)).size() == 4);
}

TEST_CASE("min_flight bridges short dips; min_contact drops short spikes") {
    const double rate = 1000.0;
    auto f = half_sines(1500.0, 0.25, 0.1, rate, 3, 0.05);
    // A 5 ms dip to 0 N in the middle of the second contact, and a 4 ms 300 N spike in flight.
    const std::size_t mid = static_cast<std::size_t>((0.05 + 0.35 + 0.125) * rate);
    for (std::size_t i = mid; i < mid + 5; ++i) f[i] = 0.0;
    const std::size_t fl = static_cast<std::size_t>((0.05 + 0.25 + 0.05) * rate);
    for (std::size_t i = fl; i < fl + 4; ++i) f[i] = 300.0;

    wf::StanceOptions opt;  // min_contact 0.1 s: halves of 0.12 s survive, the spike does not
    CHECK(wf::detect_stances(f, sl::hertz(rate), opt).size() == 4);
    opt.min_flight = sl::seconds(0.01);
    const auto merged = wf::detect_stances(f, sl::hertz(rate), opt);
    REQUIRE(merged.size() == 3);
    const double delta = 0.25 / std::numbers::pi * std::asin(50.0 / 1500.0);
    CHECK(std::abs(merged[1].takeoff_s - merged[1].touchdown_s - (0.25 - 2 * delta)) < 1e-6);
    opt.min_flight = sl::seconds(0.0);
    opt.min_contact = sl::seconds(0.0);
    CHECK(wf::detect_stances(f, sl::hertz(rate), opt).size() == 5);
}

TEST_CASE("the block scan finds the runs a plain per-sample scan finds") {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0.0, 30.0);
    const double rate = 1000.0;
    auto f = half_sines(1700.0, 0.24, 0.11, rate, 400, 0.0113);
    for (double& v : f) v += noise(rng);
    for (double on : {50.0, 20.0}) {
        for (double off : {on, 0.5 * on}) {
            CAPTURE(on);
            CAPTURE(off);
            std::vector<sl::detail::ForceRun> runs;
            REQUIRE(sl::detail::threshold_runs(f.data(), static_cast<std::ptrdiff_t>(f.size()), on,
                                               off, runs) == -1);
            std::vector<sl::detail::ForceRun> plain;
            bool in = false;
            std::ptrdiff_t b = 0;
            for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(f.size()); ++i) {
                const double v = f[static_cast<std::size_t>(i)];
                if (!in && v > on) {
                    in = true;
                    b = i;
                } else if (in && v < off) {
                    in = false;
                    plain.push_back({b, i});
                }
            }
            if (in) plain.push_back({b, static_cast<std::ptrdiff_t>(f.size())});
            REQUIRE(runs.size() == plain.size());
            CHECK(runs.size() >= 400);
            for (std::size_t i = 0; i < runs.size(); ++i) {
                REQUIRE(runs[i].begin == plain[i].begin);
                REQUIRE(runs[i].end == plain[i].end);
            }
        }
    }
}

TEST_CASE("detect_stances rejects bad input") {
    std::vector<double> f(1000, 10.0);
    const auto rate = sl::hertz(1000);
    for (std::size_t at : {std::size_t{3}, std::size_t{517}, std::size_t{999}}) {
        for (double bad : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
            auto g = f;
            g[at] = bad;
            try {
                (void)wf::detect_stances(g, rate);
                FAIL("no error");
            } catch (const sl::Error& e) {
                CHECK(e.field() == "vertical_N[" + std::to_string(at) + "]");
            }
        }
    }
    CHECK_THROWS_AS(wf::detect_stances(f, sl::hertz(0)), sl::Error);
    CHECK_THROWS_AS(wf::detect_stances(f, sl::hertz(-300)), sl::Error);
    wf::StanceOptions o;
    o.threshold = sl::newtons(0.0);
    CHECK_THROWS_AS(wf::detect_stances(f, rate, o), sl::Error);
    o = {};
    o.release = sl::newtons(60.0);  // above the threshold
    CHECK_THROWS_AS(wf::detect_stances(f, rate, o), sl::Error);
    o.release = sl::newtons(0.0);
    CHECK_THROWS_AS(wf::detect_stances(f, rate, o), sl::Error);
    o = {};
    o.min_contact = sl::seconds(-0.1);
    CHECK_THROWS_AS(wf::detect_stances(f, rate, o), sl::Error);
    o = {};
    o.min_flight = sl::seconds(std::nan(""));
    CHECK_THROWS_AS(wf::detect_stances(f, rate, o), sl::Error);
    CHECK(wf::detect_stances(std::vector<double>{}, rate).empty());
    CHECK(wf::detect_stances(f, rate).empty());  // all flight
}
