#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <strideload/accuracy/compare_models.hpp>
#include <vector>

#include "../helpers.hpp"

namespace sa = strideload::accuracy;
namespace sw = strideload::waveform;
using sl::grf::Model;

namespace {

/// Steps whose "measurement" is Morin 2005's own half-sine (Eq. 4 with Fmax of Eq. 6):
/// the harness must then find zero bias for morin2005's peak, impulse and loading rate.
struct MorinSteps {
    std::vector<double> tc, tf, peak, impulse, valr;
};

MorinSteps morin_steps(const sl::Athlete& a, double speed, double rate_hz) {
    MorinSteps s;
    const double g = sl::standard_gravity_m_s2, m = a.mass.value();
    for (int i = 0; i < 12; ++i) {
        const double tc = 0.22 + 0.005 * i, tf = 0.14 - 0.004 * i;
        s.tc.push_back(tc);
        s.tf.push_back(tf);
        s.peak.push_back(m * g * std::numbers::pi / 2.0 * (tf / tc + 1.0));
        s.impulse.push_back(m * g * (tc + tf));
        const sl::Stride stride =
            sl::Stride::make(sl::meters_per_second(speed), sl::seconds(tc), sl::seconds(tf));
        const sl::grf::Waveform w =
            sl::grf::morin2005_waveform(a, stride, sl::hertz(rate_hz), sl::standard_gravity());
        sw::MetricOptions o;
        o.mass = a.mass;
        s.valr.push_back(sw::measure_stance({w.vertical_N.data(), size_t(w.vertical_N.size())},
                                            sl::hertz(rate_hz), o)
                             .valr_bw_per_s);
    }
    return s;
}

const sa::ComparisonRow& row(const sa::Comparison& c, Model m, std::string_view metric) {
    for (const sa::ComparisonRow& r : c.rows)
        if (r.model == m && r.metric == metric) return r;
    FAIL("no row " << metric);
    throw;
}

bool has_row(const sa::Comparison& c, Model m, std::string_view metric) {
    for (const sa::ComparisonRow& r : c.rows)
        if (r.model == m && r.metric == metric) return true;
    return false;
}

}  // namespace

TEST_CASE("compare_models: a model compared with its own waveform has zero bias") {
    const sl::Athlete a = test::runner(70.0, 0.95);
    const MorinSteps s = morin_steps(a, 4.0, 1000.0);
    const sa::MeasuredSteps measured{s.tc, s.tf, s.peak, s.impulse, s.valr, {}, {}};
    sa::CompareOptions o;
    o.models = {Model::morin2005, Model::impulse_balance, Model::clark2017};
    const sa::Comparison c = sa::compare_models(measured, a, sl::meters_per_second(4.0), o);
    const sa::Agreement& peak = row(c, Model::morin2005, "peak_vertical_force").agreement;
    CHECK(peak.n == 12);
    CHECK(std::abs(peak.bias_pct) < 1e-10);
    CHECK(peak.sd_pct < 1e-10);
    CHECK(peak.r2 == doctest::Approx(1.0));
    CHECK(std::abs(row(c, Model::morin2005, "loading_rate").agreement.bias_pct) < 1e-10);
    // Every model conserves momentum: impulse = m g (tc + tf) exactly.
    for (Model m : o.models)
        CHECK(std::abs(row(c, m, "vertical_impulse").agreement.bias_pct) < 1e-10);
    // The square pulse's peak is the contact mean: below the sine's by 2/π exactly.
    const sa::Agreement& square = row(c, Model::impulse_balance, "peak_vertical_force").agreement;
    CHECK(square.bias_pct == doctest::Approx(100.0 * (2.0 / std::numbers::pi - 1.0)));
    CHECK_FALSE(has_row(c, Model::impulse_balance, "loading_rate"));
    CHECK_FALSE(has_row(c, Model::morin2005, "peak_braking_force"));  // no AP measured
    CHECK(c.predictions.size() == 3);
}

TEST_CASE("compare_models: a step a model refuses is one NaN row, counted, not a lost model") {
    const sl::Athlete a = test::runner(70.0, 0.95);
    MorinSteps s = morin_steps(a, 5.0, 1000.0);
    // v·tc/2 = 1.0 m > leg 0.95 m: the leg cannot sweep this contact (Morin's Eq. 9 domain).
    s.tc[3] = 0.40;
    const sa::MeasuredSteps measured{s.tc, s.tf, s.peak, s.impulse, {}, {}, {}};
    sa::CompareOptions o;
    o.models = {Model::morin2005, Model::impulse_balance};
    const sa::Comparison c = sa::compare_models(measured, a, sl::meters_per_second(5.0), o);
    CHECK(c.predictions[0].n_failed == 1);
    CHECK(std::isnan(c.predictions[0].steps.peak_vertical_force_N[3]));
    CHECK_FALSE(c.predictions[0].first_error.empty());
    CHECK(row(c, Model::morin2005, "peak_vertical_force").agreement.n == 11);
    CHECK(row(c, Model::morin2005, "peak_vertical_force").agreement.n_missing == 1);
    CHECK(c.predictions[1].n_failed == 0);
    CHECK(row(c, Model::impulse_balance, "peak_vertical_force").agreement.n == 12);
}

TEST_CASE("compare_models: steps without a flight time are left out; bad input is an Error") {
    const sl::Athlete a = test::runner(70.0, 0.95);
    MorinSteps s = morin_steps(a, 4.0, 1000.0);
    s.tf.back() = NAN;  // a trial's last stance
    const sa::MeasuredSteps measured{s.tc, s.tf, s.peak, {}, {}, {}, {}};
    sa::CompareOptions o;
    o.models = {Model::morin2005};
    const sa::Comparison c = sa::compare_models(measured, a, sl::meters_per_second(4.0), o);
    CHECK(row(c, Model::morin2005, "peak_vertical_force").agreement.n == 11);
    CHECK(c.predictions[0].steps.peak_vertical_force_N.size() == 11);

    const std::vector<double> short_tc(s.tc.begin(), s.tc.begin() + 3);
    CHECK_THROWS_AS(sa::compare_models({short_tc, s.tf, s.peak, {}, {}, {}, {}}, a,
                                       sl::meters_per_second(4.0), o),
                    sl::Error);
    CHECK_THROWS_AS(sa::compare_models(measured, a, sl::meters_per_second(-1.0), o), sl::Error);
    const std::vector<double> none(s.tc.size(), NAN);
    CHECK_THROWS_AS(
        sa::compare_models({s.tc, none, s.peak, {}, {}, {}, {}}, a, sl::meters_per_second(4.0), o),
        sl::Error);
}

TEST_CASE("compare_models: detect -> measure -> compare on a synthetic half-sine trial") {
    // A continuous 1 kHz trial of Morin half-sines: the whole pipeline must recover the model
    // within the threshold's trim of the contact. A threshold F_th cuts asin(F_th/Fmax)/π of
    // the contact at each end, and Fmax ∝ (tc + tf)/tc rises by about that share: 1.9 % at
    // the usual 50 N on a 1.7 kN peak, 0.4 % at the 10 N used here.
    const sl::Athlete a = test::runner(70.0, 0.95);
    const double rate = 1000.0, v = 4.0;
    const MorinSteps s = morin_steps(a, v, rate);
    std::vector<double> f(100, 0.0);
    for (std::size_t i = 0; i < s.tc.size(); ++i) {
        const auto nc = static_cast<int>(std::lround(s.tc[i] * rate));
        const auto nf = static_cast<int>(std::lround(s.tf[i] * rate));
        for (int k = 0; k < nc; ++k)
            f.push_back(s.peak[i] * std::sin(std::numbers::pi * (k + 0.5) / nc));
        f.insert(f.end(), static_cast<std::size_t>(nf), 0.0);
    }
    sw::MetricOptions mo;
    mo.mass = a.mass;
    sw::StanceOptions so;
    so.threshold = so.release = sl::newtons(10.0);
    const auto stances = sw::detect_stances(f, sl::hertz(rate), so);
    const sw::StanceTable t = sw::stance_metrics(f, sl::hertz(rate), stances, mo);
    REQUIRE(t.size() == 12);
    sa::CompareOptions o;
    o.models = {Model::morin2005};
    const sa::Comparison c =
        sa::compare_models(sa::measured_steps(t), a, sl::meters_per_second(v), o);
    const sa::Agreement& peak = row(c, Model::morin2005, "peak_vertical_force").agreement;
    CHECK(peak.n == 11);  // the last stance has no flight time
    CHECK(std::abs(peak.bias_pct) < 0.6);
    CHECK(std::abs(row(c, Model::morin2005, "vertical_impulse").agreement.bias_pct) < 0.6);
}
