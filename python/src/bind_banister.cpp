// Banister impulse-response model (strideload/recovery/banister.hpp): the forward model, the
// five-parameter fit and the recovery times t_n, t_g. numpy arrays are read in place; the GIL is
// held (a fit of a season takes milliseconds, and an array cannot change under a call that
// holds it).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <strideload/recovery/banister.hpp>
#include <string>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace rec = strideload::recovery;

namespace {

using sl::python::Doubles;
/// C-contiguous int64 numpy array; int32 and other safe casts are converted, floats refused.
using Days = py::array_t<std::int64_t, py::array::c_style>;

rec::BanisterLag lag_from(const std::string& name) {
    if (name == "same_day") return rec::BanisterLag::same_day;
    if (name == "next_day") return rec::BanisterLag::next_day;
    throw sl::Error("lag", "'" + name + "' is not one of: same_day, next_day");
}

std::span<const double> load_of(const Doubles& x) {
    return sl::python::view(x, "load", "1 (one load per day, day 0 first)");
}

constexpr const char* load_doc =
    "load : numpy.ndarray\n    Daily training load w [AU] (TRIMP, TSS, ...), day 0 first, "
    "finite, >= 0 (1-D, read in place when float64 and contiguous).\n";

constexpr const char* lag_doc =
    "lag : str\n    ``\"same_day\"`` (default; g(t) = g(t-1) e^(-1/tau1) + w(t), today's load "
    "counts today, as Clarke & Skiba 2013 and GoldenCheetah) or ``\"next_day\"`` (Banister's "
    "original sum over s < t).\n";

constexpr const char* gains_doc =
    "k1 : float\n    Fitness gain [performance unit per load unit], > 0.\nk2 : float\n    "
    "Fatigue gain [performance unit per load unit], > 0.\ntau1_days : float\n    Fitness time "
    "constant [days], > tau2_days.\ntau2_days : float\n    Fatigue time constant [days], > 0.\n";

rec::BanisterParams gains(double k1, double k2, double tau1_days, double tau2_days) {
    return {0.0, k1, k2, tau1_days, tau2_days};
}

}  // namespace

void bind_banister(py::module_& m) {
    m.def(
        "banister_performance",
        [](const Doubles& load, double p0, double k1, double k2, double tau1_days, double tau2_days,
           const std::string& lag) {
            const std::span<const double> w = load_of(load);
            const rec::BanisterLag l = lag_from(lag);
            py::array_t<double> out(static_cast<py::ssize_t>(w.size()));
            rec::banister_performance_into(w, {p0, k1, k2, tau1_days, tau2_days}, l,
                                           {out.mutable_data(), w.size()});
            return out;
        },
        py::arg("load"), py::arg("p0"), py::arg("k1"), py::arg("k2"), py::arg("tau1_days"),
        py::arg("tau2_days"), py::arg("lag") = "same_day",
        (std::string(
             "Banister impulse-response model performance p(t) = p0 + k1 g(t) - k2 h(t), "
             "g and h the load's exponentially decaying sums with time constants tau1 and "
             "tau2 (Banister et al. 1975; Morton, Fitz-Clarke & Banister 1990; Clarke & Skiba "
             "2013).\n\nParameters\n----------\n") +
         load_doc +
         "p0 : float\n    Performance without training [performance unit].\nk1 : float\n    "
         "Fitness gain [performance unit per load unit].\nk2 : float\n    Fatigue gain "
         "[performance unit per load unit].\ntau1_days : float\n    Fitness time constant "
         "[days], > 0.\ntau2_days : float\n    Fatigue time constant [days], > 0.\n" +
         lag_doc +
         "\nReturns\n-------\nnumpy.ndarray\n    p(t) [performance unit], one per day of the "
         "load.\n\nRaises\n------\nValueError\n    For a negative or non-finite load, a "
         "non-finite parameter, tau <= 0, a load that is not 1-D, or an unknown lag.")
            .c_str());

    m.def(
        "fit_banister",
        [](const Doubles& load, const Days& test_days, const Doubles& test_values,
           const std::string& lag, double tau_min_days, double tau_max_days, int starts,
           const std::optional<std::array<double, 5>>& start, int grid_points,
           int max_evaluations_per_start) {
            const std::span<const double> w = load_of(load);
            if (test_days.ndim() != 1)
                throw sl::Error("test_days", static_cast<double>(test_days.ndim()),
                                "1 (one day per test)");
            const std::span<const std::int64_t> days{test_days.data(),
                                                     static_cast<std::size_t>(test_days.shape(0))};
            const std::span<const double> values =
                sl::python::view(test_values, "test_values", "1 (one value per test)");
            rec::BanisterFitOptions o;
            o.lag = lag_from(lag);
            o.tau_min_days = tau_min_days;
            o.tau_max_days = tau_max_days;
            o.starts = starts;
            o.grid_points = grid_points;
            o.max_evaluations_per_start = max_evaluations_per_start;
            if (start)
                o.start = rec::BanisterParams{(*start)[0], (*start)[1], (*start)[2], (*start)[3],
                                              (*start)[4]};
            rec::BanisterFit fit = rec::fit_banister(w, days, values, o);
            py::array_t<double> curve(static_cast<py::ssize_t>(fit.curve.size()));
            std::copy(fit.curve.begin(), fit.curve.end(), curve.mutable_data());
            py::dict r;
            r["p0"] = fit.params.p0;
            r["k1"] = fit.params.k1;
            r["k2"] = fit.params.k2;
            r["tau1_days"] = fit.params.tau1_days;
            r["tau2_days"] = fit.params.tau2_days;
            r["sse"] = fit.sse;
            r["r2"] = fit.r2;
            r["r2_adjusted"] = fit.r2_adjusted;
            r["n_tests"] = fit.n_tests;
            r["curve"] = curve;
            r["evaluations"] = fit.evaluations;
            r["starts_run"] = fit.starts_run;
            r["tau_at_bound"] = fit.tau_at_bound;
            return r;
        },
        py::arg("load"), py::arg("test_days"), py::arg("test_values"), py::arg("lag") = "same_day",
        py::arg("tau_min_days") = 1.0, py::arg("tau_max_days") = 200.0, py::arg("starts") = 12,
        py::arg("start") = py::none(), py::arg("grid_points") = 24,
        py::arg("max_evaluations_per_start") = 400,
        (std::string(
             "Least-squares fit of all five Banister parameters (p0, k1, k2, tau1, tau2) to "
             "performance tests: a grid scan of (tau1 > tau2) pairs with p0, k1, k2 by linear "
             "least squares, then Levenberg-Marquardt (Eigen) from the best pairs, taus kept "
             "inside [tau_min_days, tau_max_days]. The problem is ill-conditioned: compare "
             "fits by SSE and by the recovery times t_n, t_g rather than by the "
             "parameters.\n\nParameters\n----------\n") +
         load_doc +
         "test_days : numpy.ndarray\n    Day (index into load) of each test, int64, in "
         "[0, len(load) - 1].\ntest_values : numpy.ndarray\n    Measured performance of each "
         "test [performance unit], finite, at least 6 (5 parameters + 1).\n" +
         lag_doc +
         "tau_min_days : float\n    Lower bound of both taus [days], > 0.\ntau_max_days : "
         "float\n    Upper bound of both taus [days], > tau_min_days.\nstarts : int\n    "
         "Levenberg-Marquardt runs from the best grid pairs, >= 1.\nstart : tuple of float, "
         "optional\n    An extra first start (p0, k1, k2, tau1_days, tau2_days), taus strictly "
         "inside the bounds.\ngrid_points : int\n    Log-spaced tau values of the scan grid, "
         ">= 2.\nmax_evaluations_per_start : int\n    Most residual evaluations of one run, "
         ">= 10.\n\nReturns\n-------\ndict\n    ``p0``, ``k1``, ``k2``, ``tau1_days``, "
         "``tau2_days`` (the lowest-SSE parameters), ``sse`` [performance unit^2], ``r2`` "
         "(1 - SSE/SS_tot), ``r2_adjusted`` (p = 5; NaN for 6 tests), ``n_tests``, ``curve`` "
         "(numpy.ndarray, the model of every load day), ``evaluations``, ``starts_run``, "
         "``tau_at_bound`` (a tau within 0.1 % of a bound).\n\nRaises\n------\nValueError\n  "
         "  Naming the field: a bad load, a test day outside the load, a non-finite test "
         "value, sizes that differ, fewer than 6 tests, bad bounds or options.")
            .c_str());

    m.def(
        "time_to_net_positive_days",
        [](double k1, double k2, double tau1_days, double tau2_days) {
            return rec::time_to_net_positive_days(gains(k1, k2, tau1_days, tau2_days));
        },
        py::arg("k1"), py::arg("k2"), py::arg("tau1_days"), py::arg("tau2_days"),
        (std::string("Time after one training impulse until its net effect turns positive, "
                     "t_n = tau1 tau2 / (tau1 - tau2) ln(k2 / k1) (Fitz-Clarke, Morton & "
                     "Banister 1991).\n\nParameters\n----------\n") +
         gains_doc +
         "\nReturns\n-------\nfloat\n    t_n [days]; 0 when k2 <= k1.\n\nRaises\n------\n"
         "ValueError\n    For k1 or k2 <= 0, or tau1_days <= tau2_days.")
            .c_str());
    m.def(
        "time_to_peak_effect_days",
        [](double k1, double k2, double tau1_days, double tau2_days) {
            return rec::time_to_peak_effect_days(gains(k1, k2, tau1_days, tau2_days));
        },
        py::arg("k1"), py::arg("k2"), py::arg("tau1_days"), py::arg("tau2_days"),
        (std::string("Time after one training impulse to its largest positive net effect, "
                     "t_g = tau1 tau2 / (tau1 - tau2) ln(k2 tau1 / (k1 tau2)) (Fitz-Clarke, "
                     "Morton & Banister 1991).\n\nParameters\n----------\n") +
         gains_doc +
         "\nReturns\n-------\nfloat\n    t_g [days]; 0 when k2 tau1 <= k1 tau2.\n\nRaises\n"
         "------\nValueError\n    For k1 or k2 <= 0, or tau1_days <= tau2_days.")
            .c_str());
}
