// Accelerometer -> vertical GRF methods (strideload/waveform/accelerometer.hpp): published
// equations with fixtures computed by hand from them, invariants (rest, free fall, mass
// scaling, filtering a constant, half-sine peaks, impulse), input errors, and a round trip
// through the measured Fukuchi et al. 2017 treadmill forces.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <strideload/waveform/accelerometer.hpp>
#include <string>
#include <vector>

#include "../error_field.hpp"
#include "fukuchi.hpp"

namespace sl = strideload;
namespace wf = strideload::waveform;

namespace {

constexpr double gn = 9.80665;  // standard gravity: the unit of accelerometer readings

// A stance of @p n samples whose acceleration rises from @p base as a half-sine to @p peak.
std::vector<double> half_sine(std::size_t n, double base, double peak) {
    std::vector<double> a(n);
    for (std::size_t k = 0; k < n; ++k)
        a[k] = base + (peak - base) * std::sin(std::numbers::pi * static_cast<double>(k) /
                                               static_cast<double>(n));
    return a;
}

const sl::Mass m70 = sl::kilograms(70.0);
const sl::Frequency hz500 = sl::hertz(500.0);

}  // namespace

TEST_CASE("accelerometer methods: names round-trip, sites and outputs, unknown names listed") {
    CHECK(wf::accel_methods().size() == 5);
    for (const wf::AccelMethodInfo& m : wf::accel_methods()) {
        CAPTURE(m.name);
        CHECK(wf::accel_method_from_name(m.name) == m.method);
        CHECK(&wf::accel_method_info(m.method) == &m);
        CHECK_FALSE(m.citation.empty());
        CHECK_FALSE(m.published_error.empty());
    }
    using wf::AccelMethod, wf::SensorLocation;
    CHECK(wf::accel_method_info(AccelMethod::neugebauer2014).location == SensorLocation::hip);
    CHECK(wf::accel_method_info(AccelMethod::gurchiek2017).location == SensorLocation::sacrum);
    CHECK(wf::accel_method_info(AccelMethod::charry2013).location == SensorLocation::shank);
    CHECK(wf::sensor_location_name(SensorLocation::upper_back) == "upper_back");
    CHECK(wf::accel_method_info(AccelMethod::gurchiek2017).waveform);
    CHECK_FALSE(wf::accel_method_info(AccelMethod::meyer2015).waveform);
    try {
        (void)wf::accel_method_from_name("kiernan2020");
        FAIL("expected Error");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "method");
        CHECK(std::string(e.what()).find("gurchiek2017") != std::string::npos);
    }
}

TEST_CASE("neugebauer2014: m 70 kg, a_max 3 g -> exp(6.181 + 0.055*3 + 0.014*70) = 1519.3 N") {
    // Running coefficients: c1 = 5.247 + 0.934 = 6.181, c2 = 0.271 - 0.216 = 0.055, c3 = 0.014
    // (Neugebauer 2014 with RUN = 1); exp(7.326) = 1519.29 N = 2.2132 BW (m g_n = 686.47 N).
    const sl::Force f = wf::neugebauer2014_peak_force(wf::g_units(3.0), m70);
    CHECK(f.value() == doctest::Approx(1519.29).epsilon(1e-5));

    // The same through a stance whose maximum is 3 g (126 samples put one on the crest).
    const auto a = half_sine(126, 0.0, 3.0);
    const auto est = wf::vgrf_from_accel(wf::AccelMethod::neugebauer2014, a, hz500, m70);
    CHECK(est.peak_vertical_force.value() == doctest::Approx(1519.29).epsilon(1e-5));
    CHECK(est.peak_vertical_force_bw == doctest::Approx(1519.29 / (70 * gn)).epsilon(1e-5));
    CHECK(est.vertical_N.size() == 0);  // peak-only method

    // Mass enters the exponent: F(80 kg) / F(70 kg) = exp(0.014 * 10).
    const sl::Force f80 = wf::neugebauer2014_peak_force(wf::g_units(3.0), sl::kilograms(80.0));
    CHECK(f80.value() / f.value() == doctest::Approx(std::exp(0.14)).epsilon(1e-12));

    // Kiernan 2023 WCS refit by hand: exp(6.5732 + 0.0140*3 + 0.0125*70) = exp(7.4902)
    // = 1790.41 N.
    const sl::Force wcs = wf::neugebauer2014_peak_force(wf::g_units(3.0), m70,
                                                        wf::AccelCoefficients::kiernan2023_wcs);
    CHECK(wcs.value() == doctest::Approx(1790.41).epsilon(1e-5));
}

TEST_CASE("meyer2015: F = g m a_max; 70 kg at 3 g -> 2059.40 N (Kiernan's g = 9.8: 2058.0 N)") {
    // 3 * 70 * 9.80665 = 2059.3965 N. Kiernan et al.'s code multiplies by 9.8 (2058.0 N); the
    // sensor's g is standard gravity, so 9.80665 converts it to m/s² (0.07 % higher).
    CHECK(wf::meyer2015_peak_force(wf::g_units(3.0), m70).value() ==
          doctest::Approx(2059.3965).epsilon(1e-9));
    const auto a = half_sine(126, 1.0, 3.0);
    const auto est = wf::vgrf_from_accel(wf::AccelMethod::meyer2015, a, hz500, m70);
    CHECK(est.peak_vertical_force.value() == doctest::Approx(2059.3965).epsilon(1e-9));
    CHECK(est.peak_vertical_force_bw == doctest::Approx(3.0).epsilon(1e-12));
    // Linear in mass.
    const auto est2 = wf::vgrf_from_accel(wf::AccelMethod::meyer2015, a, hz500, m70 * 2.0);
    CHECK(est2.peak_vertical_force.value() ==
          doctest::Approx(2.0 * est.peak_vertical_force.value()).epsilon(1e-12));
}

TEST_CASE("charry2013: original constants, m 70 kg, a_min -3 g -> 1680.97 N") {
    // By hand from F = (s1 m + s2) log2(1 - a_min) + (i1 m + i2), s1 = 4.66, s2 = -76.6,
    // i1 = 24.98, i2 = -566.83: slope = 4.66*70 - 76.6 = 249.6 N, intercept = 24.98*70 -
    // 566.83 = 1181.77 N, log2(1 + 3) = 2 -> F = 2*249.6 + 1181.77 = 1680.97 N.
    CHECK(wf::charry2013_peak_force(wf::g_units(-3.0), m70).value() ==
          doctest::Approx(1680.97).epsilon(1e-9));
    // a_min = 0 g: log2(1) = 0, F = intercept = 1181.77 N.
    CHECK(wf::charry2013_peak_force(wf::g_units(0.0), m70).value() ==
          doctest::Approx(1181.77).epsilon(1e-9));
    // Through a stance whose minimum is -3 g (the maximum does not matter).
    std::vector<double> a = half_sine(100, 1.0, 6.0);
    a[10] = -3.0;
    const auto est = wf::vgrf_from_accel(wf::AccelMethod::charry2013, a, hz500, m70);
    CHECK(est.peak_vertical_force.value() == doctest::Approx(1680.97).epsilon(1e-9));
    // Kiernan 2023 WCS refit by hand: slope = -1.0922*70 + 103.6462 = 27.1922 N, intercept =
    // 26.6511*70 - 197.6452 = 1667.9318 N -> F(-3 g) = 2*27.1922 + 1667.9318 = 1722.3162 N.
    CHECK(wf::charry2013_peak_force(wf::g_units(-3.0), m70, wf::AccelCoefficients::kiernan2023_wcs)
              .value() == doctest::Approx(1722.3162).epsilon(1e-9));
    // The log needs a_min < 1 g.
    CHECK_THROWS_AS(wf::charry2013_peak_force(wf::g_units(1.0), m70), sl::Error);
    const std::vector<double> no_dip(50, 1.2);
    CHECK_THROWS_AS(wf::vgrf_from_accel(wf::AccelMethod::charry2013, no_dip, hz500, m70),
                    sl::Error);
}

TEST_CASE("gurchiek2017 and wundersitz2013: rest gives m g, free fall 0, constant stays") {
    for (auto method : {wf::AccelMethod::gurchiek2017, wf::AccelMethod::wundersitz2013}) {
        CAPTURE(static_cast<int>(method));
        const std::vector<double> rest(125, 1.0), fall(125, 0.0);
        const auto r = wf::vgrf_from_accel(method, rest, hz500, m70);
        REQUIRE(r.vertical_N.size() == 125);
        REQUIRE(r.time_s.size() == 125);
        CHECK(r.time_s[124] == doctest::Approx(124.0 / 500.0));
        // A zero-phase low-pass with odd padding passes a constant unchanged.
        CHECK((r.vertical_N.array() - 70 * gn).abs().maxCoeff() < 1e-9 * 70 * gn);
        CHECK(r.peak_vertical_force_bw == doctest::Approx(1.0).epsilon(1e-9));
        const auto f = wf::vgrf_from_accel(method, fall, hz500, m70);
        CHECK(f.vertical_N.cwiseAbs().maxCoeff() < 1e-9);
        // F = m a: linear in mass, sample by sample.
        const auto a = half_sine(125, 0.0, 2.5);
        const auto e1 = wf::vgrf_from_accel(method, a, hz500, m70);
        const auto e2 = wf::vgrf_from_accel(method, a, hz500, sl::kilograms(105.0));
        CHECK((e2.vertical_N - 1.5 * e1.vertical_N).cwiseAbs().maxCoeff() <
              1e-9 * e2.vertical_N.cwiseAbs().maxCoeff());
    }
}

TEST_CASE("half-sine stance acceleration keeps its peak through the low-pass filters") {
    // a(t) = 2.5 sin(pi t / tc), tc = 0.25 s: a 2 Hz half-sine. A 5th-order 10 Hz Butterworth
    // applied forward and backward attenuates 2 Hz by 1 - 1/(1 + 0.2^10) ~ 1e-7, and the odd
    // padding continues the half-sine as a sine, so the peak survives; what is left is the
    // start-up transient of the 3 (N + 1)-sample padding, which scipy.signal.filtfilt puts at
    // +0.28 % (500 Hz), +0.85 % (1000 Hz), -0.11 % (200 Hz), < 0.5 % for the 4th-order
    // 10-25 Hz filters. Tolerance 1.5 %.
    for (double rate : {200.0, 500.0, 1000.0}) {
        CAPTURE(rate);
        const auto n = static_cast<std::size_t>(0.25 * rate);
        const auto a = half_sine(n, 0.0, 2.5);
        const auto g = wf::vgrf_from_accel(wf::AccelMethod::gurchiek2017, a, sl::hertz(rate), m70);
        CHECK(g.peak_vertical_force_bw == doctest::Approx(2.5).epsilon(0.015));
        for (double fc : {10.0, 15.0, 20.0, 25.0}) {
            CAPTURE(fc);
            wf::AccelOptions o;
            o.wundersitz_cutoff = sl::hertz(fc);
            const auto w =
                wf::vgrf_from_accel(wf::AccelMethod::wundersitz2013, a, sl::hertz(rate), m70, o);
            CHECK(w.peak_vertical_force_bw == doctest::Approx(2.5).epsilon(0.015));
        }
    }
    // Raw Wundersitz is exactly max(g m a).
    wf::AccelOptions raw;
    raw.wundersitz_cutoff = sl::hertz(0.0);
    const auto a = half_sine(125, 0.0, 2.5);
    const auto w = wf::vgrf_from_accel(wf::AccelMethod::wundersitz2013, a, hz500, m70, raw);
    double amax = 0.0;
    for (double x : a) amax = std::max(amax, x);
    CHECK(w.peak_vertical_force.value() == doctest::Approx(gn * 70 * amax).epsilon(1e-12));
}

TEST_CASE("continuous trace: batch rows match single stances; filtering keeps the impulse") {
    // 20 steps at 500 Hz: contact 0.25 s (125 samples) with a half-sine of peak
    // P = pi (tc + tf) / (2 tc), flight 0.124 s (62 samples) in free fall (0 g), so the mean
    // over a step is about 1 g, as impulse balance requires of a runner.
    const std::size_t nc = 125, nf = 62, steps = 20, step_len = nc + nf;
    const double peak = std::numbers::pi * static_cast<double>(step_len) / (2.0 * nc);
    std::vector<double> a;
    std::vector<wf::StanceBounds> stances;
    for (std::size_t s = 0; s < steps; ++s) {
        const auto stance = half_sine(nc, 0.0, peak);
        stances.emplace_back(static_cast<Eigen::Index>(a.size()),
                             static_cast<Eigen::Index>(a.size() + nc));
        a.insert(a.end(), stance.begin(), stance.end());
        a.insert(a.end(), nf, 0.0);
    }
    for (auto method : {wf::AccelMethod::neugebauer2014, wf::AccelMethod::meyer2015,
                        wf::AccelMethod::charry2013}) {
        CAPTURE(static_cast<int>(method));
        const auto batch = wf::vgrf_from_accel_batch(method, a, hz500, m70, stances);
        REQUIRE(batch.peak_vertical_force_N.size() == static_cast<Eigen::Index>(steps));
        CHECK(batch.vertical_force_N.size() == 0);
        for (std::size_t s = 0; s < steps; ++s) {
            const std::span<const double> one(a.data() + stances[s].first, nc);
            const auto single = wf::vgrf_from_accel(method, one, hz500, m70);
            CHECK(batch.peak_vertical_force_N[static_cast<Eigen::Index>(s)] ==
                  single.peak_vertical_force.value());
        }
    }
    const auto g = wf::vgrf_from_accel_batch(wf::AccelMethod::gurchiek2017, a, hz500, m70, stances);
    REQUIRE(g.vertical_force_N.size() == static_cast<Eigen::Index>(a.size()));
    // A low-pass passes the mean (DC): over whole steps away from the ends (transients gone),
    // the mean estimated force equals g m times the mean acceleration (scipy: 1e-11 relative).
    const Eigen::Index lo = 5 * step_len, len = 10 * step_len;
    double mean_a = 0.0;
    for (Eigen::Index i = lo; i < lo + len; ++i) mean_a += a[static_cast<std::size_t>(i)];
    mean_a /= static_cast<double>(len);
    CHECK(g.vertical_force_N.segment(lo, len).mean() ==
          doctest::Approx(gn * 70 * mean_a).epsilon(1e-6));
    // Per-stance peaks: the contact/flight corners add harmonics the 10 Hz filter trims;
    // scipy puts the interior peak 0.60 % below P. Tolerance 2 %.
    for (Eigen::Index s = 0; s < static_cast<Eigen::Index>(steps); ++s)
        CHECK(g.peak_vertical_force_bw[s] == doctest::Approx(peak).epsilon(0.02));
}

TEST_CASE("round trip through measured forces: ideal CoM accelerometer -> gurchiek2017") {
    // Fukuchi et al. 2017 (PeerJ 5:e3298) treadmill trial, 300 Hz, runner 78.3 kg: a = Fy /
    // (m g_n) is what a perfect centre-of-mass accelerometer would read. Gurchiek's
    // g_n m LPF(a) must give back the force less what the 10 Hz low-pass removes.
    const std::vector<double> force_N = test::fukuchi_column(2);  // Fy [N]
    REQUIRE(force_N.size() == 9000);
    const double mass_kg = 78.3, weight_N = mass_kg * gn, rate = 300.0;
    std::vector<double> a(force_N.size());
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = force_N[i] / weight_N;
    // Stances: runs above 50 N lasting > 0.1 s, complete within the trial.
    std::vector<wf::StanceBounds> stances;
    for (std::size_t i = 1; i < force_N.size(); ++i) {
        if (force_N[i] > 50.0 && force_N[i - 1] <= 50.0) {
            std::size_t j = i;
            while (j < force_N.size() && force_N[j] > 50.0) ++j;
            if (j < force_N.size() && static_cast<double>(j - i) / rate > 0.1)
                stances.emplace_back(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
            i = j;
        }
    }
    REQUIRE(stances.size() == 78);
    const auto g = wf::vgrf_from_accel_batch(wf::AccelMethod::gurchiek2017, a, sl::hertz(rate),
                                             sl::kilograms(mass_kg), stances);
    // The trial mean (impulse over 30 s) survives filtering (scipy: -2.3e-5 relative).
    double mean_N = 0.0;
    for (double f : force_N) mean_N += f;
    mean_N /= static_cast<double>(force_N.size());
    CHECK(g.vertical_force_N.mean() == doctest::Approx(mean_N).epsilon(1e-4));
    // Active peaks: scipy gives -2.07 % on average (range -3.26 % to -0.94 %) against the raw
    // 300 Hz peaks (2.343 BW): the filter trims the high-frequency content of the peak.
    double bias = 0.0;
    for (std::size_t s = 0; s < stances.size(); ++s) {
        const auto [b, e] = stances[s];
        double measured = 0.0;
        for (Eigen::Index i = b; i < e; ++i)
            measured = std::max(measured, force_N[static_cast<std::size_t>(i)]);
        const double rel = g.peak_vertical_force_N[static_cast<Eigen::Index>(s)] / measured - 1;
        CHECK(rel < 0.0);
        CHECK(rel > -0.05);
        bias += rel;
    }
    bias /= static_cast<double>(stances.size());
    CHECK(bias == doctest::Approx(-0.0207).epsilon(0.05));
}

TEST_CASE("accelerometer methods reject bad input with a named field") {
    using wf::AccelMethod;
    const auto a = half_sine(125, 0.0, 2.5);
    std::vector<double> nan_at_3 = a;
    nan_at_3[3] = std::nan("");
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, nan_at_3, hz500, m70);
          }) == "vertical_accel_g[3]");
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, a, hz500, sl::kilograms(10.0));
          }) == "mass_kg");
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, a, sl::hertz(0.0), m70);
          }) == "rate_hz");
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, std::span<const double>{}, hz500, m70);
          }) == "vertical_accel_g");
    // 9.8 "g" standing is m/s² passed as g; 300 "g" is beyond any accelerometer.
    std::vector<double> huge = a;
    huge[0] = 300.0;
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, huge, hz500, m70);
          }) == "vertical_accel_g[0]");
    // A "stance" of 3 s is a segmentation error.
    const std::vector<double> long_stance(1500, 1.0);
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::meyer2015, long_stance, hz500, m70);
          }) == "stance_duration_s");
    // Refits exist only for neugebauer2014 and charry2013.
    wf::AccelOptions refit;
    refit.coefficients = wf::AccelCoefficients::kiernan2023_scs;
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::gurchiek2017, a, hz500, m70, refit);
          }) == "coefficients");
    // filtfilt of the 5th-order filter pads 18 samples: 18 samples are too few.
    const std::vector<double> short_stance(18, 1.0);
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::gurchiek2017, short_stance, hz500, m70);
          }) == "samples");
    const std::vector<double> just_enough(19, 1.0);
    CHECK(wf::vgrf_from_accel(AccelMethod::gurchiek2017, just_enough, hz500, m70)
              .peak_vertical_force_bw == doctest::Approx(1.0));
    // Cutoff at or above Nyquist (a 0.24 s stance at 50 Hz).
    const auto a50 = half_sine(12, 0.0, 2.5);
    wf::AccelOptions w25;
    w25.wundersitz_cutoff = sl::hertz(25.0);
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::wundersitz2013, a50, sl::hertz(50.0), m70, w25);
          }) == "rate_hz");
    w25.wundersitz_cutoff = sl::hertz(-1.0);
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel(AccelMethod::wundersitz2013, a, hz500, m70, w25);
          }) == "wundersitz_cutoff_hz");
    // Batch: a stance outside the trace, an empty stance, and which stance it was.
    const std::vector<wf::StanceBounds> past_end{{0, 100}, {100, 126}};
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel_batch(AccelMethod::meyer2015, a, hz500, m70, past_end);
          }) == "stances[1]");
    const std::vector<wf::StanceBounds> empty{{10, 10}};
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel_batch(AccelMethod::meyer2015, a, hz500, m70, empty);
          }) == "stances[0]");
    std::vector<double> flat(125, 1.5);
    const std::vector<wf::StanceBounds> two{{0, 60}, {60, 125}};
    CHECK(test::error_field([&] {
              wf::vgrf_from_accel_batch(AccelMethod::charry2013, flat, hz500, m70, two);
          }) == "min_axial_accel_g[0]");
}

TEST_CASE("Stance lists: one row per complete stance, same numbers as bounds") {
    std::vector<double> a;
    std::vector<wf::Stance> stances;
    // Starts inside a contact (incomplete), then three complete contacts.
    a.insert(a.end(), 40, 1.5);
    stances.push_back({0, 40, false});
    for (int s = 0; s < 3; ++s) {
        a.insert(a.end(), 60, 0.0);
        const auto stance = half_sine(125, 0.0, 2.0 + 0.25 * s);
        stances.push_back(
            {static_cast<Eigen::Index>(a.size()), static_cast<Eigen::Index>(a.size() + 125), true});
        a.insert(a.end(), stance.begin(), stance.end());
    }
    a.insert(a.end(), 60, 0.0);
    const std::vector<wf::StanceBounds> bounds{{stances[1].begin, stances[1].end},
                                               {stances[2].begin, stances[2].end},
                                               {stances[3].begin, stances[3].end}};
    for (auto method : {wf::AccelMethod::neugebauer2014, wf::AccelMethod::gurchiek2017}) {
        CAPTURE(static_cast<int>(method));
        const auto by_stance =
            wf::vgrf_from_accel_batch(method, a, hz500, m70, std::span<const wf::Stance>(stances));
        const auto by_bounds = wf::vgrf_from_accel_batch(method, a, hz500, m70, bounds);
        REQUIRE(by_stance.peak_vertical_force_N.size() == 3);
        CHECK(by_stance.stance_index == Eigen::Vector3i(1, 2, 3));
        CHECK(by_bounds.stance_index == Eigen::Vector3i(0, 1, 2));
        CHECK(by_stance.peak_vertical_force_N == by_bounds.peak_vertical_force_N);
        CHECK(by_stance.peak_vertical_force_bw == by_bounds.peak_vertical_force_bw);
    }
}

TEST_CASE("accel_stance_metrics: the force-data metrics of the estimated waveform") {
    // One stance: 0.25 s at 500 Hz, a = 2.5 sin(pi t / tc) g, 70 kg.
    const auto a = half_sine(125, 0.0, 2.5);
    wf::MetricOptions mo;
    mo.mass = m70;
    const auto est = wf::vgrf_from_accel(wf::AccelMethod::gurchiek2017, a, hz500, m70);
    const auto m = wf::accel_stance_metrics(wf::AccelMethod::gurchiek2017, a, hz500, mo);
    CHECK(m.contact_time_s == doctest::Approx(125.0 / 500.0));
    // A single hump: the active peak is the waveform's maximum.
    CHECK(m.active_peak_N == doctest::Approx(est.peak_vertical_force.value()).epsilon(1e-12));
    // Impulse = sum F / rate of the estimate, and the low-pass keeps it: within 1 % of
    // g m sum(a) / rate = 686.47 N * 2.5 * 0.25 s * (2/pi) (the half-sine area).
    CHECK(m.vertical_impulse_Ns == doctest::Approx(est.vertical_N.sum() / 500.0).epsilon(1e-9));
    double sum_a = 0.0;
    for (double x : a) sum_a += x;
    CHECK(m.vertical_impulse_Ns == doctest::Approx(gn * 70 * sum_a / 500.0).epsilon(0.01));
    // Peak-only methods have no waveform to measure.
    try {
        (void)wf::accel_stance_metrics(wf::AccelMethod::neugebauer2014, a, hz500, mo);
        FAIL("expected Error");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "method");
    }
}

TEST_CASE("accel_stance_metrics on the Fukuchi trial: impulse kept, active peak trimmed") {
    // The ideal centre-of-mass accelerometer of the round-trip test above, measured through the
    // same detect_stances / stance_metrics as the force itself.
    const std::vector<double> force_N = test::fukuchi_column(2);  // Fy [N]
    const double mass_kg = 78.3, weight_N = mass_kg * gn;
    const sl::Frequency rate = sl::hertz(300.0);
    std::vector<double> a(force_N.size());
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = force_N[i] / weight_N;
    const auto stances = wf::detect_stances(force_N, rate);
    wf::MetricOptions mo;
    mo.mass = sl::kilograms(mass_kg);
    const auto measured = wf::stance_metrics(force_N, rate, stances, mo);
    const auto estimated =
        wf::accel_stance_metrics(wf::AccelMethod::gurchiek2017, a, rate, stances, mo);
    REQUIRE(measured.active_peak_bw.size() > 70);
    REQUIRE(estimated.active_peak_bw.size() == measured.active_peak_bw.size());
    // Impulse per stance: the filter moves a little force across the touchdown and take-off
    // instants (scipy, sample sums over the contact: +0.25 % mean, -0.08 % to +0.45 %;
    // tolerance 1 %).
    // Active peak: 10 Hz trims the peak by 0.9-3.3 % (scipy, see the round trip above).
    for (Eigen::Index r = 0; r < measured.active_peak_bw.size(); ++r) {
        CAPTURE(r);
        CHECK(estimated.vertical_impulse_Ns[r] ==
              doctest::Approx(measured.vertical_impulse_Ns[r]).epsilon(0.01));
        CHECK(estimated.active_peak_bw[r] < measured.active_peak_bw[r]);
        CHECK(estimated.active_peak_bw[r] > 0.95 * measured.active_peak_bw[r]);
    }
}
