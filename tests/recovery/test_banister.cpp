// Banister impulse–response model and its fit (strideload/recovery/banister.hpp), against the
// worked examples of Clarke & Skiba 2013 (Adv Physiol Educ 37:134; research notes
// load-recovery.md §1b–§1d) and the model's invariants.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <strideload/recovery/banister.hpp>
#include <string>
#include <vector>

namespace rec = strideload::recovery;

namespace {

// Fixture A (sheet "6 - IR model def"): day 0 rest, days 1–119 100 AU, a 7-day taper, rest to
// day 159.
std::vector<double> fixture_a_load() {
    std::vector<double> w(160, 0.0);
    for (int d = 1; d <= 119; ++d) w[static_cast<std::size_t>(d)] = 100.0;
    const double taper[] = {80, 60, 50, 40, 35, 30, 30};
    for (int i = 0; i < 7; ++i) w[static_cast<std::size_t>(120 + i)] = taper[i];
    return w;
}

const rec::BanisterParams fixture_a{500.0, 1.0, 2.0, 27.0, 10.0};

// Fixture B (sheet "8 - IR model fit"): the fitted cyclist.
const rec::BanisterParams fixture_b{261.9273721089768, 0.1825819069014407, 0.23016327121095306,
                                    35.821034441472136, 21.33971458297882};
constexpr double fixture_b_sse = 20.25455866;

struct Clarke2013 {
    std::vector<double> load, model;
    std::vector<std::int64_t> test_days;
    std::vector<double> test_values;
};

Clarke2013 read_clarke2013() {
    std::ifstream in(STRIDELOAD_TEST_DATA_DIR "/recovery/clarke2013_ir_fit_fixture.csv");
    REQUIRE(in);
    Clarke2013 f;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> cells;
        std::istringstream row(line);
        std::string cell;
        while (std::getline(row, cell, ',')) cells.push_back(cell);
        REQUIRE(cells.size() >= 3);
        REQUIRE(std::stol(cells[0]) == static_cast<long>(f.load.size()));
        f.load.push_back(std::stod(cells[1]));
        f.model.push_back(std::stod(cells[2]));
        if (cells.size() == 4 && !cells[3].empty()) {
            f.test_days.push_back(std::stol(cells[0]));
            f.test_values.push_back(std::stod(cells[3]));
        }
    }
    return f;
}

void check_close(double actual, double expected, double tol) {
    INFO("actual " << actual << " expected " << expected);
    CHECK(std::abs(actual - expected) <= tol);
}

template <class F>
void check_error_field(F&& f, const std::string& field) {
    try {
        f();
        FAIL("no strideload::Error, expected one naming " << field);
    } catch (const strideload::Error& e) {
        CHECK(e.field() == field);
    }
}

}  // namespace

TEST_CASE("banister: Clarke & Skiba fixture A reproduces the spreadsheet's p(t)") {
    const std::vector<double> p = rec::banister_performance(fixture_a_load(), fixture_a);
    REQUIRE(p.size() == 160);
    check_close(p[0], 500.0, 1e-9);
    check_close(p[1], 400.0, 1e-9);
    check_close(p[2], 315.39656082293675, 1e-9);
    check_close(p[10], 22.772983058092905, 1e-9);
    check_close(p[30], 347.89573723463764, 1e-9);
    check_close(p[37], 501.98907927528262, 1e-9);
    check_close(p[100], 1080.9917092917062, 1e-9);
    check_close(p[120], 1136.3565562982062, 1e-9);
    check_close(p[150], 1342.4118319224176, 1e-9);
    // Performance recrosses p0 on day 37 (the sheet marks 37).
    CHECK(p[36] < 500.0);
    CHECK(p[37] > 500.0);
    // The post-taper peak: 1595.16028807 on day 134.
    const auto peak = std::max_element(p.begin() + 120, p.end());
    CHECK(peak - p.begin() == 134);
    check_close(*peak, 1595.1602880703667, 1e-9);
}

TEST_CASE("banister: Clarke & Skiba fixture B forward model equals the CSV's model column") {
    const Clarke2013 f = read_clarke2013();
    REQUIRE(f.load.size() == 165);
    REQUIRE(f.test_days.size() == 9);
    std::vector<double> p(f.load.size());
    rec::banister_performance_into(f.load, fixture_b, rec::BanisterLag::same_day, p);
    for (std::size_t d = 0; d < p.size(); ++d) {
        INFO("day " << d);
        check_close(p[d], f.model[d], 1e-9);
    }
    double sse = 0.0;
    for (std::size_t i = 0; i < f.test_days.size(); ++i) {
        const double r = p[static_cast<std::size_t>(f.test_days[i])] - f.test_values[i];
        sse += r * r;
    }
    check_close(sse, fixture_b_sse, 1e-6);  // the spreadsheet's SSE of its fit
}

TEST_CASE("banister: fit of fixture B reaches the spreadsheet's SSE from the default starts") {
    const Clarke2013 f = read_clarke2013();
    const rec::BanisterFit fit = rec::fit_banister(f.load, f.test_days, f.test_values);
    CHECK(fit.sse <= 20.26);
    CHECK(fit.n_tests == 9);
    CHECK(fit.starts_run == 12);
    CHECK_FALSE(fit.tau_at_bound);
    // The spreadsheet: R² = 0.97922 at SSE 20.2546; at least as good here.
    CHECK(fit.r2 >= 0.97922 - 1e-5);
    check_close(fit.r2_adjusted, 1.0 - (1.0 - fit.r2) * 8.0 / 3.0, 1e-12);
    // The curve is the model of the returned parameters, and its residuals give the SSE.
    const std::vector<double> p = rec::banister_performance(f.load, fit.params);
    REQUIRE(fit.curve.size() == f.load.size());
    double sse = 0.0;
    for (std::size_t d = 0; d < p.size(); ++d) CHECK(fit.curve[d] == p[d]);
    for (std::size_t i = 0; i < f.test_days.size(); ++i) {
        const double r = p[static_cast<std::size_t>(f.test_days[i])] - f.test_values[i];
        sse += r * r;
    }
    check_close(sse, fit.sse, 1e-9 * fit.sse);
    CHECK(fit.evaluations > 0);
    // Fits of the same data with similar SSE agree on the impulse response even where their
    // parameters do not (the spreadsheet's fit: t_n = 12.22 d, t_g = 39.57 d).
    check_close(rec::time_to_net_positive_days(fit.params), 12.224707842, 0.5);
    check_close(rec::time_to_peak_effect_days(fit.params), 39.566018966, 0.5);
    for (std::size_t d = 45; d < p.size(); ++d) check_close(p[d], f.model[d], 2.0);
}

TEST_CASE("banister: a next_day fit is the same_day fit to tests one day earlier") {
    // p_next(t; k1, k2) = p_same(t − 1; k1 e^(−1/τ1), k2 e^(−1/τ2)): the same minimum SSE.
    const Clarke2013 f = read_clarke2013();
    std::vector<std::int64_t> earlier = f.test_days;
    for (std::int64_t& d : earlier) d -= 1;
    rec::BanisterFitOptions o;
    const rec::BanisterFit same = rec::fit_banister(f.load, earlier, f.test_values, o);
    o.lag = rec::BanisterLag::next_day;
    const rec::BanisterFit next = rec::fit_banister(f.load, f.test_days, f.test_values, o);
    check_close(next.sse, same.sse, 1e-3 * same.sse);
    check_close(next.params.tau1_days, same.params.tau1_days, 0.5);
    check_close(next.params.tau2_days, same.params.tau2_days, 0.5);
}

TEST_CASE("banister: fit from a given start, and the start is validated") {
    const Clarke2013 f = read_clarke2013();
    rec::BanisterFitOptions o;
    o.starts = 1;
    o.start = rec::BanisterParams{f.test_values[0], 0.2, 0.2, 50.0, 11.0};  // GoldenCheetah's
    const rec::BanisterFit fit = rec::fit_banister(f.load, f.test_days, f.test_values, o);
    CHECK(fit.starts_run == 2);
    CHECK(fit.sse <= 20.26);
    o.start->tau2_days = 200.0;
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, f.test_values, o); },
                      "start.tau2_days");
}

TEST_CASE("banister: t_n and t_g (Fitz-Clarke, Morton & Banister 1991)") {
    check_close(rec::time_to_net_positive_days(fixture_b), 12.224707842, 1e-8);
    check_close(rec::time_to_peak_effect_days(fixture_b), 39.566018966, 1e-8);
    const rec::BanisterParams p{0.0, 1.0, 2.0, 27.0, 10.0};
    // The notes give t_n = 270/17 ln 2 and t_g = 270/17 ln 5.4; their printed 11.0086 is a
    // rounding slip for 11.00881.
    check_close(rec::time_to_net_positive_days(p), 270.0 / 17.0 * std::log(2.0), 1e-12);
    check_close(rec::time_to_net_positive_days(p), 11.0086, 3e-4);
    check_close(rec::time_to_peak_effect_days(p), 270.0 / 17.0 * std::log(5.4), 1e-12);
    check_close(rec::time_to_peak_effect_days(p), 26.7839, 1e-4);
    // k2 ≤ k1: one session never leaves a net negative effect.
    CHECK(rec::time_to_net_positive_days({0.0, 2.0, 1.0, 27.0, 10.0}) == 0.0);
}

TEST_CASE("banister: t_n and t_g agree with the forward model of a single impulse") {
    // Same-day convention, impulse on day 0: p(t) − p0 = w (k1 e^(−t/τ1) − k2 e^(−t/τ2)).
    const rec::BanisterParams p{0.0, 1.0, 2.0, 27.0, 10.0};
    std::vector<double> w(80, 0.0);
    w[0] = 100.0;
    const std::vector<double> perf = rec::banister_performance(w, p);
    CHECK(perf[11] < 0.0);  // t_n = 11.0086
    CHECK(perf[12] > 0.0);
    const auto peak = std::max_element(perf.begin(), perf.end()) - perf.begin();
    CHECK((peak == 26 || peak == 27));  // t_g = 26.7839
}

TEST_CASE("banister: next_day is same_day one day later with the gains decayed by one day") {
    const std::vector<double> w = fixture_a_load();
    const rec::BanisterParams p = fixture_a;
    const std::vector<double> next = rec::banister_performance(w, p, rec::BanisterLag::next_day);
    rec::BanisterParams decayed = p;
    decayed.k1 *= std::exp(-1.0 / p.tau1_days);
    decayed.k2 *= std::exp(-1.0 / p.tau2_days);
    const std::vector<double> same = rec::banister_performance(w, decayed);
    CHECK(next[0] == p.p0);
    for (std::size_t t = 1; t < w.size(); ++t) {
        INFO("day " << t);
        check_close(next[t], same[t - 1], 1e-9);
    }
}

TEST_CASE("banister: performance - p0 is linear in the load") {
    const std::vector<double> w = fixture_a_load();
    std::vector<double> bumpy(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) bumpy[i] = static_cast<double>((i * 37) % 11) * 9.0;
    std::vector<double> sum(w.size()), scaled(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        sum[i] = w[i] + bumpy[i];
        scaled[i] = 2.5 * w[i];
    }
    for (rec::BanisterLag lag : {rec::BanisterLag::same_day, rec::BanisterLag::next_day}) {
        const auto pw = rec::banister_performance(w, fixture_a, lag);
        const auto pb = rec::banister_performance(bumpy, fixture_a, lag);
        const auto ps = rec::banister_performance(sum, fixture_a, lag);
        const auto pc = rec::banister_performance(scaled, fixture_a, lag);
        const double p0 = fixture_a.p0;
        for (std::size_t t = 0; t < w.size(); ++t) {
            check_close(pc[t] - p0, 2.5 * (pw[t] - p0), 1e-9);
            check_close(ps[t] - p0, (pw[t] - p0) + (pb[t] - p0), 1e-9);
        }
    }
}

TEST_CASE("banister: bad input throws Error naming the field") {
    const Clarke2013 f = read_clarke2013();
    std::vector<double> w = f.load;
    w[3] = std::nan("");
    check_error_field([&] { rec::banister_performance(w, fixture_b); }, "load[3]");
    w[3] = -1.0;
    check_error_field([&] { rec::fit_banister(w, f.test_days, f.test_values); }, "load[3]");
    rec::BanisterParams p = fixture_b;
    p.tau1_days = 0.0;
    check_error_field([&] { rec::banister_performance(f.load, p); }, "tau1_days");
    p = fixture_b;
    p.k2 = std::nan("");
    check_error_field([&] { rec::banister_performance(f.load, p); }, "k2");
    std::vector<double> out(3);
    check_error_field(
        [&] { rec::banister_performance_into(f.load, fixture_b, rec::BanisterLag::same_day, out); },
        "performance");

    std::vector<std::int64_t> days = f.test_days;
    days[2] = static_cast<std::int64_t>(f.load.size());
    check_error_field([&] { rec::fit_banister(f.load, days, f.test_values); }, "test_days[2]");
    days[2] = -1;
    check_error_field([&] { rec::fit_banister(f.load, days, f.test_values); }, "test_days[2]");
    std::vector<double> values = f.test_values;
    values.pop_back();
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, values); }, "test_values");
    values = f.test_values;
    values[4] = std::nan("");
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, values); }, "test_values[4]");
    const std::vector<std::int64_t> five_days(f.test_days.begin(), f.test_days.begin() + 5);
    const std::vector<double> five_values(f.test_values.begin(), f.test_values.begin() + 5);
    check_error_field([&] { rec::fit_banister(f.load, five_days, five_values); }, "test_days");

    rec::BanisterFitOptions o;
    o.tau_min_days = 0.0;
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, f.test_values, o); },
                      "tau_min_days");
    o.tau_min_days = 10.0;
    o.tau_max_days = 10.0;
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, f.test_values, o); },
                      "tau_max_days");
    o = {};
    o.starts = 0;
    check_error_field([&] { rec::fit_banister(f.load, f.test_days, f.test_values, o); }, "starts");

    check_error_field([] { rec::time_to_net_positive_days({0, 1, 2, 10, 10}); }, "tau1_days");
    check_error_field([] { rec::time_to_peak_effect_days({0, 1, 2, 10, 27}); }, "tau1_days");
    check_error_field([] { rec::time_to_net_positive_days({0, 0, 2, 27, 10}); }, "k1");
    check_error_field([] { rec::time_to_peak_effect_days({0, 1, -2, 27, 10}); }, "k2");
}
