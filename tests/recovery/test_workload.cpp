#include <doctest/doctest.h>

#include <cmath>
#include <strideload/recovery/workload.hpp>
#include <vector>

namespace rc = strideload::recovery;
namespace sl = strideload;

namespace {
std::vector<double> fixture_load() {  // load-recovery.md §3e: 21 days of 100 then 7 of 200
    std::vector<double> load(21, 100.0);
    load.insert(load.end(), 7, 200.0);
    return load;
}
}  // namespace

TEST_CASE("acwr: the research-note fixture on day 28 (Hulin 2014, Lolli 2019, Williams 2017)") {
    const auto load = fixture_load();
    const auto r = rc::acwr(load);
    CHECK(r.rolling_coupled[27] == doctest::Approx(1.6).epsilon(1e-9));
    CHECK(r.rolling_uncoupled[27] == doctest::Approx(2.0).epsilon(1e-9));
    CHECK(r.ewma[27] == doctest::Approx(1.339350).epsilon(1e-6));
    CHECK(r.ewma_acute[27] == doctest::Approx(186.651611).epsilon(1e-6));
    CHECK(r.ewma_chronic[27] == doctest::Approx(139.359836).epsilon(1e-6));
    rc::AcwrOptions zero;
    zero.ewma_seed = rc::EwmaSeed::zero;
    const auto z = rc::acwr(load, zero);
    CHECK(z.ewma[27] == doctest::Approx(1.483019).epsilon(1e-6));
    CHECK(z.ewma_acute[27] == doctest::Approx(186.619863).epsilon(1e-6));
    CHECK(z.ewma_chronic[27] == doctest::Approx(125.837820).epsilon(1e-6));
    // Rolling windows are undefined until 28 days exist.
    CHECK(std::isnan(r.rolling_coupled[26]));
    CHECK(std::isnan(r.rolling_uncoupled[0]));
    CHECK(&r.of(rc::AcwrMethod::ewma) == &r.ewma);
}

TEST_CASE("acwr: coupled = 4u/(u + 3) for uncoupled u (Lolli et al. 2019)") {
    std::vector<double> load;
    for (int d = 0; d < 120; ++d) load.push_back((d * 37 % 11) * 25.0 + (d % 7 == 3 ? 0 : 40));
    const auto r = rc::acwr(load);
    for (std::size_t d = 27; d < load.size(); ++d) {
        const double u = r.rolling_uncoupled[d];
        CHECK(r.rolling_coupled[d] == doctest::Approx(4 * u / (u + 3)));
    }
}

TEST_CASE("acwr: zero chronic load is undefined (NaN), not 0 or infinity") {
    const auto r = rc::acwr(std::vector<double>(30, 0.0));
    CHECK(std::isnan(r.rolling_coupled[29]));
    CHECK(std::isnan(r.ewma[29]));
    CHECK(rc::acwr_method_from_name("rolling_uncoupled") == rc::AcwrMethod::rolling_uncoupled);
    CHECK_THROWS_AS(rc::acwr_method_from_name("weekly"), sl::Error);
    rc::AcwrOptions o;
    o.chronic_days = 7;
    CHECK_THROWS_AS(rc::acwr(std::vector<double>(30, 1.0), o), sl::Error);
}

TEST_CASE("monotony and strain: Foster 1998, sample and population SD") {
    const std::vector<double> week{300, 0, 450, 300, 0, 600, 200};
    const auto s = rc::monotony_strain(week);
    CHECK(s.total == 1850.0);
    CHECK(s.mean == doctest::Approx(264.285714).epsilon(1e-8));
    CHECK(s.sd == doctest::Approx(221.198037).epsilon(1e-8));
    CHECK(s.monotony == doctest::Approx(1.194792).epsilon(1e-6));
    CHECK(s.strain == doctest::Approx(2210.365783).epsilon(1e-8));
    const auto p = rc::monotony_strain(week, rc::SdConvention::population);
    CHECK(p.sd == doctest::Approx(204.789588).epsilon(1e-8));
    CHECK(p.monotony == doctest::Approx(1.290523).epsilon(1e-6));
    CHECK(p.strain == doctest::Approx(2387.467914).epsilon(1e-8));
}

TEST_CASE("monotony and strain: SD = 0 is explicit, rolling windows match single weeks") {
    const auto same = rc::monotony_strain(std::vector<double>(7, 50.0));
    CHECK(std::isinf(same.monotony));
    CHECK(std::isinf(same.strain));
    const auto rest = rc::monotony_strain(std::vector<double>(7, 0.0));
    CHECK(rest.monotony == 0.0);
    CHECK(rest.strain == 0.0);
    std::vector<double> load{10, 300, 0, 450, 300, 0, 600, 200};
    const auto r = rc::rolling_monotony_strain(load);
    CHECK(std::isnan(r.monotony[5]));
    CHECK(r.monotony[7] == doctest::Approx(1.194792).epsilon(1e-6));
    CHECK(r.strain[7] == doctest::Approx(2210.365783).epsilon(1e-8));
    CHECK_THROWS_AS(rc::monotony_strain(std::vector<double>{1}), sl::Error);
}

TEST_CASE("session-RPE load and TRIMP") {
    CHECK(rc::session_rpe_load(7, sl::minutes(45)) == doctest::Approx(315.0));
    // 60 min, HR 150, rest 50, max 190, male: 60 * (5/7) * 0.64 * e^(1.92 * 5/7).
    const double t = rc::trimp(sl::minutes(60), sl::beats_per_minute(150), sl::beats_per_minute(50),
                               sl::beats_per_minute(190));
    CHECK(t == doctest::Approx(108.095359340).epsilon(1e-9));
    const double f = rc::trimp(sl::minutes(60), sl::beats_per_minute(150), sl::beats_per_minute(50),
                               sl::beats_per_minute(190), rc::Sex::female);
    CHECK(f == doctest::Approx(60 * (5.0 / 7) * 0.86 * std::exp(1.67 * 5.0 / 7)));
    CHECK_THROWS_AS(rc::session_rpe_load(11, sl::minutes(10)), sl::Error);
    CHECK_THROWS_AS(rc::trimp(sl::minutes(60), sl::beats_per_minute(200), sl::beats_per_minute(50),
                              sl::beats_per_minute(190)),
                    sl::Error);
}
