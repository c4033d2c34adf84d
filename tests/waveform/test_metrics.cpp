// Per-stance metrics: the Fukuchi 2017 trial against its independently computed reference
// figures (tests/data/fukuchi2017/README.md), exact values on synthetic waveforms (half-sine
// train, rearfoot and forefoot piecewise-linear stances), the AP sign round trip, the
// trimmed-stance convention, the column keys, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "fukuchi.hpp"
#include "strideload/waveform/waveform.hpp"

namespace sl = strideload;
namespace wf = strideload::waveform;

namespace {

struct Trial {
    std::vector<double> fx, fy;  // anterior-posterior, vertical [N]
};

// The bundled Fukuchi 2017 trial (300 Hz): Fx (AP) and Fy (vertical).
Trial fukuchi() { return {test::fukuchi_column(1), test::fukuchi_column(2)}; }

bool within(double got, double want, double rel) { return std::abs(got / want - 1.0) <= rel; }

// Piecewise-linear force through (time [s], force [N]) vertices, sampled at rate_hz from
// t = 0; zero outside the vertices.
std::vector<double> polyline(const std::vector<std::pair<double, double>>& v, double rate_hz,
                             double duration_s) {
    const auto n = static_cast<std::size_t>(std::llround(duration_s * rate_hz));
    std::vector<double> f(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / rate_hz;
        for (std::size_t j = 0; j + 1 < v.size(); ++j)
            if (t >= v[j].first && t <= v[j + 1].first) {
                const double u = (t - v[j].first) / (v[j + 1].first - v[j].first);
                f[i] = v[j].second + u * (v[j + 1].second - v[j].second);
                break;
            }
    }
    return f;
}

wf::MetricOptions runner(double mass_kg) {
    wf::MetricOptions o;
    o.mass = sl::kilograms(mass_kg);
    return o;
}

}  // namespace

TEST_CASE("Fukuchi trial: means within 1 % of the reference figures") {
    const Trial t = fukuchi();
    const auto rate = sl::hertz(300);
    wf::MetricOptions o = runner(78.3);
    // The README's figures use BW = 78.3 kg × 9.81 m/s²: its mean force over the trial,
    // 0.9998 BW, needs 9.81 (standard gravity 9.80665 gives 1.0001).
    o.gravity = sl::meters_per_second_squared(9.81);
    const auto stances = wf::detect_stances(t.fy, rate);
    const wf::StanceTable table = wf::stance_metrics(t.fy, t.fx, rate, stances, o);
    const wf::StanceSummary s = wf::summarize(table, t.fy, rate, o);

    // README: 79 steps — contacts above 50 N longer than 0.1 s, including the first, which the
    // trial starts inside. Only the 78 complete ones are measured, so the README's means
    // (which include that partial contact) differ from ours by up to 0.7 % and its SDs of
    // contact time (0.013 s) and impact peak (0.17 BW) are larger than those of whole contacts.
    REQUIRE(stances.size() == 79);
    REQUIRE(table.size() == 78);
    CHECK(s.stances == 78);
    CHECK(s.impact_peak_stances == 78);  // a rearfoot striker: every contact has an impact peak
    CHECK(table.stance_index[0] == 1);

    CHECK(within(s.column("active_peak_bw").mean, 2.342, 0.01));
    CHECK(within(s.column("active_peak_bw").sd, 0.053, 0.05));
    CHECK(within(s.column("impact_peak_bw").mean, 1.58, 0.01));
    CHECK(within(s.contact_time_s, 0.296, 0.01));
    CHECK(within(s.step_time_s, 0.3798, 0.01));
    CHECK(within(s.cadence_spm, 158.0, 0.01));
    CHECK(within(s.impulse_per_step_bw_s, 0.3772, 0.01));
    // Impulse per step vs step time (impulse balance; the force below 50 N is not in stance).
    CHECK(within(s.impulse_per_step_bw_s / s.step_time_s, 0.3772 / 0.3798, 0.01));
    CHECK(s.mean_force_signal_bw == doctest::Approx(0.9998).epsilon(1e-4));
    // Over a whole number of steps the mean force is 1 BW by impulse balance.
    CHECK(s.mean_force_bw == doctest::Approx(1.0).epsilon(2e-3));

    // VALR: the README computes it from the first samples at/above 20 % and 80 % of the impact
    // peak: 50.6 ± 6.9 BW/s, which loading_rate_at_samples reproduces.
    wf::MetricOptions at_samples = o;
    at_samples.loading_rate_at_samples = true;
    const auto s2 = wf::summarize(wf::stance_metrics(t.fy, t.fx, rate, stances, at_samples));
    CHECK(within(s2.column("valr_bw_per_s").mean, 50.6, 0.01));
    CHECK(within(s2.column("valr_bw_per_s").sd, 6.9, 0.02));
    // At 300 Hz those sample values overshoot the levels by more near 80 % (steeper) than near
    // 20 %; the same README computation on the signal upsampled 10× gives 46.78 (FFT
    // resampling) and 47.46 BW/s (cubic spline) (scipy 1.10.1, valr_reference() in
    // tests/waveform/make_scipy_reference.py). The default, interpolated crossings at 300 Hz,
    // lands between them.
    const double valr = s.column("valr_bw_per_s").mean;
    CHECK(within(valr, 46.78, 0.015));
    CHECK(within(valr, 47.46, 0.015));

    // Braking comes first with the data's sign (Fx < 0 early in stance), and over a steady
    // stance braking and propulsive impulses nearly cancel.
    for (Eigen::Index i = 0; i < table.size(); ++i) {
        CHECK(table.braking_peak_N[i] > 50.0);
        CHECK(table.propulsive_peak_N[i] > 50.0);
    }
    const double brake = s.column("braking_impulse_Ns").mean;
    const double push = s.column("propulsive_impulse_Ns").mean;
    CHECK(std::abs(brake - push) < 0.1 * brake);
}

TEST_CASE("half-sine train: exact contact, flight, step, peak, impulse = m g T_step") {
    // Morin et al. 2005 (Eq. 4, 6): F = Fmax sin(π t / tc), Fmax = m g (π/2)(T/tc) makes the
    // contact impulse 2 Fmax tc / π = m g T.
    const double m = 70.0, g = sl::standard_gravity_m_s2, tc = 0.25, tf = 0.1, T = tc + tf;
    const double rate = 10000.0, lead = 0.05, bw = m * g;
    const double fmax = bw * std::numbers::pi / 2.0 * T / tc;
    const int steps = 12;
    std::vector<double> f(static_cast<std::size_t>((lead + steps * T + 0.05) * rate), 0.0);
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double time = static_cast<double>(i) / rate - lead;
        const double k = std::floor(time / T), u = time - k * T;
        if (time >= 0 && k < steps && u < tc) f[i] = fmax * std::sin(std::numbers::pi * u / tc);
    }
    wf::StanceOptions so;
    so.threshold = so.release = sl::newtons(1.0);
    const auto st = wf::detect_stances(f, sl::hertz(rate), so);
    REQUIRE(st.size() == steps);
    const wf::MetricOptions o = runner(m);
    const auto table = wf::stance_metrics(f, sl::hertz(rate), st, o);
    REQUIRE(table.size() == steps);

    const double delta = tc / std::numbers::pi * std::asin(1.0 / fmax);  // 1 N crossing
    const double contact = tc - 2 * delta;
    const double impulse =
        2 * fmax * tc / std::numbers::pi * std::cos(std::numbers::pi * delta / tc);
    // Loading rate to the force at 13 % of contact (no impact peak on a half-sine).
    const double t_l = delta + 0.13 * contact;
    const double f_l = fmax * std::sin(std::numbers::pi * t_l / tc);
    const double t20 = tc / std::numbers::pi * std::asin(0.2 * f_l / fmax);
    const double t80 = tc / std::numbers::pi * std::asin(0.8 * f_l / fmax);
    for (Eigen::Index i = 0; i < steps; ++i) {
        CAPTURE(i);
        CHECK(std::abs(table.contact_time_s[i] - contact) < 1e-9);
        CHECK(std::abs(table.start_s[i] - (lead + double(i) * T + delta)) < 1e-9);
        if (i + 1 < steps) {
            CHECK(std::abs(table.flight_time_s[i] - (tf + 2 * delta)) < 1e-9);
            CHECK(std::abs(table.step_time_s[i] - T) < 1e-9);
            CHECK(table.cadence_spm[i] == doctest::Approx(60.0 / T).epsilon(1e-9));
        } else {
            CHECK(std::isnan(table.flight_time_s[i]));
            CHECK(std::isnan(table.step_time_s[i]));
        }
        CHECK(std::isnan(table.impact_peak_N[i]));
        CHECK(table.loading_rate_landmark[i] == int(wf::LoadingRateLandmark::stance_fraction));
        CHECK(table.active_peak_N[i] == doctest::Approx(fmax).epsilon(1e-12));
        CHECK(table.active_peak_time_s[i] == doctest::Approx(tc / 2 - delta).epsilon(1e-9));
        // Trapezoid rule at 10 kHz: relative error (π h / tc)² / 12 ≈ 1e-7.
        CHECK(table.vertical_impulse_Ns[i] == doctest::Approx(impulse).epsilon(1e-6));
        CHECK(table.vertical_impulse_bw_s[i] == doctest::Approx(T).epsilon(1e-6));
        CHECK(table.mean_vertical_force_bw[i] == doctest::Approx(T / contact).epsilon(1e-6));
        CHECK(table.valr_N_per_s[i] == doctest::Approx(0.6 * f_l / (t80 - t20)).epsilon(1e-6));
        // Steepest segment in the window: the first, where dF/dt = Fmax π/tc cos(π t20/tc).
        CHECK(table.vilr_N_per_s[i] ==
              doctest::Approx(fmax * std::numbers::pi / tc * std::cos(std::numbers::pi * t20 / tc))
                  .epsilon(1e-3));
        CHECK(table.valr_bw_per_s[i] == doctest::Approx(table.valr_N_per_s[i] / bw));
        CHECK(std::isnan(table.braking_peak_N[i]));  // no AP signal
    }
    const wf::StanceSummary s = wf::summarize(table, f, sl::hertz(rate), o);
    CHECK(s.stances == steps);
    CHECK(s.impact_peak_stances == 0);
    CHECK(s.cadence_spm == doctest::Approx(60.0 / T).epsilon(1e-9));
    CHECK(s.mean_force_bw == doctest::Approx(1.0).epsilon(1e-6));  // impulse balance
    CHECK(s.stride_span_s == doctest::Approx((steps - 1) * T).epsilon(1e-9));
    CHECK(s.column("step_time_s").count == steps - 1);
}

TEST_CASE("a contact cut by the end of the trial still ends the previous stance's flight") {
    // Half-sine contacts (tc = 0.25 s, flight 0.1 s) at 1 kHz; the trial ends 40 ms into the
    // fifth contact, less than min_contact = 0.1 s of it inside the signal.
    const double rate = 1000.0, tc = 0.25, tf = 0.1, fmax = 1500.0;
    std::vector<double> f(static_cast<std::size_t>(0.05 * rate + 4 * (tc + tf) * rate + 40));
    for (std::size_t i = 0; i < f.size(); ++i) {
        const double t = static_cast<double>(i) / rate - 0.05;
        const double u = t - std::floor(t / (tc + tf)) * (tc + tf);
        f[i] = t >= 0 && u < tc ? fmax * std::sin(std::numbers::pi * u / tc) : 0.0;
    }
    const auto st = wf::detect_stances(f, sl::hertz(rate));
    REQUIRE(st.size() == 5);
    CHECK_FALSE(st[4].complete);
    const auto table = wf::stance_metrics(f, sl::hertz(rate), st, runner(70));
    REQUIRE(table.size() == 4);
    const double delta = tc / std::numbers::pi * std::asin(50.0 / fmax);  // 50 N crossing
    // Linear interpolation of the sine at 1 kHz: crossing times good to < 1e-6 s.
    CHECK(std::abs(table.flight_time_s[3] - (tf + 2 * delta)) < 1e-6);
    CHECK(std::abs(table.step_time_s[3] - (tc + tf)) < 1e-6);
}

TEST_CASE("long recording: crossings exactly at a sample 1.09e7 samples in are accepted") {
    // At 333.3 Hz a crossing time t = k / rate gives t · rate = k ± 1.9e-9 for these k (the
    // rounding of t is ~k · 1.1e-16 samples), outside a fixed 1e-9-sample tolerance. The force
    // equals the 50 N threshold exactly on the sample before each contact and on its last
    // sample, so touchdown and take-off fall exactly on samples.
    const double rate = 333.3;
    const std::ptrdiff_t b1 = 10921584, b2 = 10921642;
    std::vector<double> f(static_cast<std::size_t>(b2 + 100), 0.0);
    for (const std::ptrdiff_t b : {b1, b2}) {
        const auto u = static_cast<std::size_t>(b);
        f[u - 1] = 50.0;
        for (std::size_t k = u; k < u + 39; ++k) f[k] = 1500.0;
        f[u + 39] = 50.0;
    }
    const auto st = wf::detect_stances(f, sl::hertz(rate));
    REQUIRE(st.size() == 2);
    CHECK(st[0].begin == b1);
    CHECK(st[0].end == b1 + 40);
    CHECK(st[0].complete);
    CHECK(st[0].touchdown_s == static_cast<double>(b1 - 1) / rate);
    CHECK(st[0].takeoff_s == static_cast<double>(b1 + 39) / rate);
    CHECK(st[1].begin == b2);
    const auto table = wf::stance_metrics(f, sl::hertz(rate), st, runner(70));
    REQUIRE(table.size() == 2);
    for (Eigen::Index i = 0; i < 2; ++i) {
        CAPTURE(i);
        // From the sample before the first above 50 N to the last at 50 N: 40 sample periods;
        // trapezoids 50 → 1500 N, 38 periods at 1500 N, 1500 → 50 N.
        CHECK(table.contact_time_s[i] == doctest::Approx(40.0 / rate).epsilon(1e-12));
        CHECK(table.vertical_impulse_Ns[i] ==
              doctest::Approx((1550.0 + 38 * 1500.0) / rate).epsilon(1e-12));
    }
    // Times near 3.3e4 s carry ~7e-12 s of rounding each.
    CHECK(table.flight_time_s[0] == doctest::Approx(18.0 / rate).epsilon(1e-9));
    CHECK(table.step_time_s[0] == doctest::Approx(58.0 / rate).epsilon(1e-9));
}

TEST_CASE("rearfoot stance: impact peak, VALR = VILR = the ramp's slope, active peak") {
    // Vertices [s, BW]: touchdown ramp to a 1.6 BW impact peak at 30 ms, dip, 2.4 BW active
    // peak at 120 ms, off at 250 ms; at 1 kHz every vertex is a sample.
    const double m = 60.0, bw = m * sl::standard_gravity_m_s2, rate = 1000.0, t0 = 0.05;
    const std::vector<std::pair<double, double>> v = {{t0, 0.0},
                                                      {t0 + 0.030, 1.6 * bw},
                                                      {t0 + 0.045, 1.3 * bw},
                                                      {t0 + 0.120, 2.4 * bw},
                                                      {t0 + 0.250, 0.0}};
    const auto f = polyline(v, rate, 0.35);
    const auto st = wf::detect_stances(f, sl::hertz(rate));
    REQUIRE(st.size() == 1);
    const auto table = wf::stance_metrics(f, sl::hertz(rate), st, runner(m));
    REQUIRE(table.size() == 1);
    const double on = 0.030 * 50.0 / (1.6 * bw), off = 0.130 * 50.0 / (2.4 * bw);
    CHECK(table.start_s[0] == doctest::Approx(t0 + on).epsilon(1e-12));
    CHECK(table.contact_time_s[0] == doctest::Approx(0.250 - on - off).epsilon(1e-12));
    CHECK(table.loading_rate_landmark[0] == int(wf::LoadingRateLandmark::impact_peak));
    CHECK(table.impact_peak_bw[0] == doctest::Approx(1.6).epsilon(1e-12));
    CHECK(table.impact_peak_time_s[0] == doctest::Approx(0.030 - on).epsilon(1e-12));
    CHECK(table.valr_bw_per_s[0] == doctest::Approx(1.6 / 0.030).epsilon(1e-9));
    CHECK(table.vilr_bw_per_s[0] == doctest::Approx(1.6 / 0.030).epsilon(1e-9));
    CHECK(table.active_peak_bw[0] == doctest::Approx(2.4).epsilon(1e-12));
    CHECK(table.active_peak_time_s[0] == doctest::Approx(0.120 - on).epsilon(1e-12));
    // Area of the polygon minus the two slivers below 50 N at touchdown and take-off.
    double area = 0.0;
    for (std::size_t j = 0; j + 1 < v.size(); ++j)
        area += 0.5 * (v[j + 1].first - v[j].first) * (v[j].second + v[j + 1].second);
    const double impulse = area - 0.5 * 50.0 * on - 0.5 * 50.0 * off;
    CHECK(table.vertical_impulse_Ns[0] == doctest::Approx(impulse).epsilon(1e-12));
    CHECK(std::isnan(table.flight_time_s[0]));

    // The same stance measured as a trimmed segment of its own samples: n samples of 1/rate.
    const auto b = static_cast<std::size_t>(st[0].begin), e = static_cast<std::size_t>(st[0].end);
    const std::vector<double> seg(f.begin() + long(b), f.begin() + long(e));
    const wf::StanceMetrics one = wf::measure_stance(seg, sl::hertz(rate), runner(m));
    CHECK(one.contact_time_s == doctest::Approx(double(seg.size()) / rate).epsilon(1e-12));
    double sum = 0.0;
    for (double x : seg) sum += x;
    CHECK(one.vertical_impulse_Ns == doctest::Approx(sum / rate).epsilon(1e-12));
    CHECK(one.impact_peak_N == table.impact_peak_N[0]);
    CHECK(one.active_peak_N == table.active_peak_N[0]);
    CHECK(one.loading_rate_landmark == wf::LoadingRateLandmark::impact_peak);
    // ... and equal to the batch on a hand-built Stance (no crossing times: same convention).
    const wf::Stance hand{st[0].begin, st[0].end, true};
    const auto t2 =
        wf::stance_metrics(f, sl::hertz(rate), std::vector<wf::Stance>{hand}, runner(m));
    wf::for_each_field(one, [&](const char* key, double value) {
        wf::for_each_column(t2, [&](const char* k2, const auto& col) {
            if (std::string(key) != k2) return;
            CAPTURE(key);
            const double got = double(col[0]);
            CHECK(((std::isnan(got) && std::isnan(value)) || got == value));
        });
    });
}

TEST_CASE("forefoot stance without an impact peak: the 13 % landmark") {
    // Ramp to 2.3 BW at 110 ms (44 % of contact, past the 40 % impact window), plateau, off at
    // 250 ms. No local maximum in the window, so the loading rate runs to the force at 13 % of
    // contact, on the ramp: VALR = VILR = ramp slope.
    const double m = 55.0, bw = m * sl::standard_gravity_m_s2, rate = 1000.0, t0 = 0.02;
    const std::vector<std::pair<double, double>> v = {
        {t0, 0.0}, {t0 + 0.110, 2.3 * bw}, {t0 + 0.150, 2.3 * bw}, {t0 + 0.250, 0.0}};
    const auto f = polyline(v, rate, 0.3);
    const auto st = wf::detect_stances(f, sl::hertz(rate));
    REQUIRE(st.size() == 1);
    const auto table = wf::stance_metrics(f, sl::hertz(rate), st, runner(m));
    REQUIRE(table.size() == 1);
    CHECK(std::isnan(table.impact_peak_N[0]));
    CHECK(std::isnan(table.impact_peak_bw[0]));
    CHECK(table.loading_rate_landmark[0] == int(wf::LoadingRateLandmark::stance_fraction));
    CHECK(table.valr_bw_per_s[0] == doctest::Approx(2.3 / 0.110).epsilon(1e-9));
    CHECK(table.vilr_bw_per_s[0] == doctest::Approx(2.3 / 0.110).epsilon(1e-9));
    CHECK(table.active_peak_bw[0] == doctest::Approx(2.3).epsilon(1e-12));
    const double on = 0.110 * 50.0 / (2.3 * bw);
    CHECK(table.active_peak_time_s[0] == doctest::Approx(0.110 - on).epsilon(1e-12));
}

TEST_CASE("AP force: braking then propulsion; the sign convention round-trips") {
    // Half-sine vertical force with F_ap = −A sin(2π u / tc) (negative = braking first, the
    // default orientation): braking and propulsive peaks A, impulses A tc / π each.
    const double m = 70.0, tc = 0.25, tf = 0.1, rate = 10000.0, A = 180.0, lead = 0.02;
    const double fmax = 2.2 * m * sl::standard_gravity_m_s2;
    const int steps = 3;
    const auto n = static_cast<std::size_t>((lead + steps * (tc + tf)) * rate);
    std::vector<double> fz(n, 0.0), fap(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / rate - lead;
        const double k = std::floor(t / (tc + tf)), u = t - k * (tc + tf);
        if (t >= 0 && u < tc) {
            fz[i] = fmax * std::sin(std::numbers::pi * u / tc);
            fap[i] = -A * std::sin(2 * std::numbers::pi * u / tc);
        }
    }
    const auto st = wf::detect_stances(fz, sl::hertz(rate));
    REQUIRE(st.size() == steps);
    const wf::MetricOptions o = runner(m);
    const auto table = wf::stance_metrics(fz, fap, sl::hertz(rate), st, o);
    const double delta = tc / std::numbers::pi * std::asin(50.0 / fmax);
    const double impulse =
        A * tc / (2 * std::numbers::pi) * (1 + std::cos(2 * std::numbers::pi * delta / tc));
    for (Eigen::Index i = 0; i < table.size(); ++i) {
        CHECK(table.braking_peak_N[i] == doctest::Approx(A).epsilon(1e-9));
        CHECK(table.propulsive_peak_N[i] == doctest::Approx(A).epsilon(1e-9));
        CHECK(table.braking_peak_bw[i] ==
              doctest::Approx(A / (m * sl::standard_gravity_m_s2)).epsilon(1e-9));
        // Each phase is cut at the 50 N crossing δ after touchdown / before take-off:
        // ∫_δ^{tc/2} A sin(2π u / tc) du = A tc / (2π) (1 + cos(2π δ / tc)).
        CHECK(table.braking_impulse_Ns[i] == doctest::Approx(impulse).epsilon(1e-6));
        CHECK(table.propulsive_impulse_Ns[i] == doctest::Approx(impulse).epsilon(1e-6));
    }
    // The same data recorded with the opposite axis, declared as such: identical results.
    std::vector<double> flipped(fap);
    for (double& x : flipped) x = -x;
    wf::MetricOptions o2 = o;
    o2.ap_sign = wf::ApSign::braking_positive;
    const auto t2 = wf::stance_metrics(fz, flipped, sl::hertz(rate), st, o2);
    CHECK(t2.braking_peak_N == table.braking_peak_N);
    CHECK(t2.braking_impulse_Ns == table.braking_impulse_Ns);
    CHECK(t2.propulsive_peak_N == table.propulsive_peak_N);
    CHECK(t2.propulsive_impulse_Ns == table.propulsive_impulse_Ns);
    // Declared the wrong way round, the first (positive) lobe reads as propulsion before any
    // braking, so the "braking phase" runs from touchdown through both lobes to the end of the
    // negative one: its net impulse is ~0 and the propulsive phase is empty.
    const auto t3 = wf::stance_metrics(fz, flipped, sl::hertz(rate), st, o);
    CHECK(std::abs(t3.braking_impulse_Ns[0]) < 1e-6 * impulse);
    CHECK(std::abs(t3.propulsive_impulse_Ns[0]) < 1e-6 * impulse);
}

TEST_CASE("for_each_column: one key list, every column one row per complete stance") {
    const Trial t = fukuchi();
    const auto st = wf::detect_stances(t.fy, sl::hertz(300));
    wf::StanceTable table;
    wf::stance_metrics(t.fy, sl::hertz(300), st, runner(78.3), table);
    std::vector<std::string> keys;
    wf::for_each_column(table, [&](const char* key, const auto& col) {
        keys.emplace_back(key);
        CHECK(col.size() == 78);
    });
    const std::vector<std::string> want = {"start_s",
                                           "contact_time_s",
                                           "flight_time_s",
                                           "step_time_s",
                                           "cadence_spm",
                                           "impact_peak_N",
                                           "impact_peak_bw",
                                           "impact_peak_time_s",
                                           "active_peak_N",
                                           "active_peak_bw",
                                           "active_peak_time_s",
                                           "valr_bw_per_s",
                                           "vilr_bw_per_s",
                                           "valr_N_per_s",
                                           "vilr_N_per_s",
                                           "vertical_impulse_Ns",
                                           "vertical_impulse_bw_s",
                                           "mean_vertical_force_N",
                                           "mean_vertical_force_bw",
                                           "braking_peak_N",
                                           "braking_peak_bw",
                                           "braking_impulse_Ns",
                                           "propulsive_peak_N",
                                           "propulsive_peak_bw",
                                           "propulsive_impulse_Ns",
                                           "loading_rate_landmark",
                                           "stance_index"};
    CHECK(keys == want);
    CHECK(table.braking_peak_N.array().isNaN().all());  // no AP signal given
    const auto s = wf::summarize(table);
    CHECK(std::isnan(s.mean_force_bw));
    CHECK(s.column("braking_peak_N").count == 0);
    CHECK(std::isnan(s.column("braking_peak_N").mean));
    CHECK_THROWS_AS((void)s.column("peak_force"), sl::Error);
    // Reusing the table keeps the row count right for a shorter list.
    wf::stance_metrics(t.fy, sl::hertz(300), std::span(st).first(10), runner(78.3), table);
    CHECK(table.size() == 9);
    CHECK(table.stance_index.size() == 9);
}

TEST_CASE("stance_metrics / measure_stance reject bad input") {
    const Trial t = fukuchi();
    const auto rate = sl::hertz(300);
    const auto st = wf::detect_stances(t.fy, rate);
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, st, wf::MetricOptions{}), sl::Error);  // mass 0
    try {
        (void)wf::stance_metrics(t.fy, rate, st, runner(-70));
        FAIL("no error");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "mass_kg");
    }
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, sl::hertz(0), st, runner(70)), sl::Error);
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, std::span(t.fx).first(100), rate, st, runner(70)),
                    sl::Error);
    // A non-finite sample inside a stance is named with its index.
    auto fy = t.fy;
    const auto at = static_cast<std::size_t>(st[5].begin + 7);
    fy[at] = std::nan("");
    try {
        (void)wf::stance_metrics(fy, rate, st, runner(70));
        FAIL("no error");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "vertical_N[" + std::to_string(at) + "]");
    }
    auto fx = t.fx;
    fx[at] = HUGE_VAL;
    try {
        (void)wf::stance_metrics(t.fy, fx, rate, st, runner(70));
        FAIL("no error");
    } catch (const sl::Error& e) {
        CHECK(e.field() == "ap_N[" + std::to_string(at) + "]");
    }
    CHECK_THROWS_AS(
        wf::measure_stance(std::vector<double>{100, std::nan(""), 100}, rate, runner(70)),
        sl::Error);
    CHECK_THROWS_AS(wf::measure_stance(std::vector<double>{}, rate, runner(70)), sl::Error);
    // Stances outside the signal, out of order, or with crossing times off their samples.
    std::vector<wf::Stance> bad = {{10, 5, true}};
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, bad, runner(70)), sl::Error);
    bad = {{8990, 9100, true}};
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, bad, runner(70)), sl::Error);
    bad = {st[3], st[2]};
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, bad, runner(70)), sl::Error);
    bad = {st[3]};
    bad[0].touchdown_s += 0.1;
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, bad, runner(70)), sl::Error);
    wf::MetricOptions o = runner(70);
    o.impact_window_fraction = 1.2;
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, st, o), sl::Error);
    o = runner(70);
    o.loading_rate_to = 0.1;  // below loading_rate_from
    CHECK_THROWS_AS(wf::stance_metrics(t.fy, rate, st, o), sl::Error);
}
