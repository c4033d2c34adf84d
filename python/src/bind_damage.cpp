// Tissue damage-repair, the Edwards et al. 2009-form stress-fracture probability
// (strideload/recovery/damage.hpp) and the strength & conditioning risk multiplier
// (strideload/recovery/strength.hpp). Daily arrays are read in place when float64 and
// contiguous; results are new numpy arrays.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <strideload/recovery/damage.hpp>
#include <strideload/recovery/strength.hpp>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace rc = strideload::recovery;

namespace {

using sl::python::Doubles;
using sl::python::to_array;

std::span<const double> cycles_of(const Doubles& x) {
    return sl::python::view(x, "equivalent_cycles", "1 (one value per day)");
}

rc::DamageOptions damage_options(double cycles_to_failure, double limb_fraction,
                                 double repair_tau_days) {
    rc::DamageOptions o;
    o.cycles_to_failure = cycles_to_failure;
    o.limb_fraction = limb_fraction;
    o.repair_tau_days = repair_tau_days;
    return o;
}

constexpr const char* cycles_doc =
    "equivalent_cycles : numpy.ndarray\n    Daily Miner-equivalent cycles N_eq = sum n "
    "(peak / sigma_ref)^k of both feet [cycles at the reference load per day], finite, >= 0, "
    "day 0 first (1-D; read in place when float64 and contiguous). strideload's daily load "
    "gives it as ``equivalent_cycles`` (k = 7, sigma_ref = 2.5 BW).\n";

constexpr const char* miner_doc =
    "cycles_to_failure : float\n    N_f, cycles to failure at the reference load, per limb "
    "(the Miner denominator), > 0. The default is calibrated so that 5 km/day for 100 days at "
    "2.5 BW gives a fracture probability of 0.18 (Sinclair & Taylor 2023: 0.15-0.22).\n"
    "limb_fraction : float\n    Share of the (both-feet) cycles each limb takes, (0, 1].\n";

}  // namespace

void bind_damage(py::module_& m) {
    const rc::DamageOptions dd;
    const rc::FractureOptions fd;
    const rc::StrengthOptions sd;

    py::dict defaults;
    defaults["cycles_to_failure"] = dd.cycles_to_failure;
    defaults["limb_fraction"] = dd.limb_fraction;
    defaults["repair_tau_days"] = dd.repair_tau_days;
    defaults["weibull_shape"] = fd.weibull_shape;
    defaults["volume_factor"] = fd.volume_factor;
    defaults["repair_shape"] = fd.repair_shape;
    defaults["repair_scale_days"] = fd.repair_scale_days;
    defaults["target_min_per_week"] = sd.target_min_per_week;
    defaults["relative_risk"] = sd.relative_risk;
    defaults["relative_risk_low"] = sd.relative_risk_low;
    defaults["relative_risk_high"] = sd.relative_risk_high;
    m.attr("DAMAGE_DEFAULTS") = defaults;

    m.def(
        "damage",
        [](const Doubles& equivalent_cycles, double cycles_to_failure, double limb_fraction,
           double repair_tau_days) {
            auto s = rc::damage(cycles_of(equivalent_cycles),
                                damage_options(cycles_to_failure, limb_fraction, repair_tau_days));
            return py::make_tuple(to_array(std::move(s.increment)), to_array(std::move(s.damage)));
        },
        py::arg("equivalent_cycles"), py::arg("cycles_to_failure") = dd.cycles_to_failure,
        py::arg("limb_fraction") = dd.limb_fraction,
        py::arg("repair_tau_days") = dd.repair_tau_days,
        (std::string("Daily Miner damage with first-order repair: inc_d = limb_fraction * N_eq,d "
                     "/ N_f, D_d = D_(d-1) exp(-1/tau) + inc_d (repair tau 18.5 d: Taylor, "
                     "Casolari & Bignardi 2004).\n\nParameters\n----------\n") +
         cycles_doc + miner_doc +
         "repair_tau_days : float\n    tau of the first-order repair [days], > 0.\n\nReturns\n"
         "-------\ntuple of numpy.ndarray\n    (increment, damage): the Miner fraction added each "
         "day and the damage left after repair.\n\nRaises\n------\nValueError\n    For a "
         "negative or non-finite day, or an option out of range (the message names it).")
            .c_str());

    m.def(
        "fracture_probability",
        [](const Doubles& equivalent_cycles, double weibull_shape, double volume_factor,
           double repair_shape, double repair_scale_days, double cycles_to_failure,
           double limb_fraction, double risk_multiplier,
           const std::optional<Doubles>& daily_risk_multiplier) {
            rc::FractureOptions o;
            o.weibull_shape = weibull_shape;
            o.volume_factor = volume_factor;
            o.repair_shape = repair_shape;
            o.repair_scale_days = repair_scale_days;
            o.damage = damage_options(cycles_to_failure, limb_fraction, o.damage.repair_tau_days);
            o.risk_multiplier = risk_multiplier;
            const auto daily = sl::python::view(daily_risk_multiplier, "daily_risk_multiplier",
                                                "1 (one value per day)");
            return to_array(rc::fracture_probability(cycles_of(equivalent_cycles), o, daily));
        },
        py::arg("equivalent_cycles"), py::arg("weibull_shape") = fd.weibull_shape,
        py::arg("volume_factor") = fd.volume_factor, py::arg("repair_shape") = fd.repair_shape,
        py::arg("repair_scale_days") = fd.repair_scale_days,
        py::arg("cycles_to_failure") = dd.cycles_to_failure,
        py::arg("limb_fraction") = dd.limb_fraction, py::arg("risk_multiplier") = 1.0,
        py::arg("daily_risk_multiplier") = py::none(),
        (std::string(
             "Cumulative stress-fracture probability after each day, in the form of Edwards, "
             "Taylor, Rudolphi, Gillette & Derrick 2009 (MSSE 41:2177): P_FRA(T) = integral_0^T "
             "(1 - P_R(t)) dP_fA/dt dt, P_fA = 1 - exp(-V M(t)^w) with M the unrepaired Miner "
             "damage, P_R = 1 - exp(-(t/t_r)^m). Day 0 is the start of the regimen. w is chosen "
             "(1), m and t_r are derived from Taylor et al. 2004's 18.5 +/- 12.5 d, N_f is "
             "calibrated; see strideload/recovery/damage.hpp.\n\nParameters\n----------\n") +
         cycles_doc +
         "weibull_shape : float\n    w, the Weibull exponent of fatigue life, (0, 20].\n"
         "volume_factor : float\n    V = V_s / V_s0, stressed over reference volume, > 0.\n"
         "repair_shape : float\n    m, the Weibull exponent of repair time, (0, 20].\n"
         "repair_scale_days : float\n    t_r, the Weibull scale of repair time [days], > 0.\n" +
         miner_doc +
         "risk_multiplier : float\n    Multiplies the probability (e.g. a strength "
         "multiplier), [0, 100]; the result is capped at 1.\ndaily_risk_multiplier : "
         "numpy.ndarray, optional\n    One multiplier per day in [0, 100], scaling that day's "
         "contribution.\n\nReturns\n-------\nnumpy.ndarray\n    P_FRA after each day, in [0, 1], "
         "non-decreasing.\n\nRaises\n------\nValueError\n    For a negative or non-finite day or "
         "multiplier, a multiplier array of another length, or an option out of range.")
            .c_str());

    m.def("damage_ratio", &rc::damage_ratio, py::arg("cycles_ratio"), py::arg("load_ratio"),
          py::arg("k"),
          "Ratio of Miner damage when cycles and load per cycle change: cycles_ratio * "
          "load_ratio^k. A 10 % shorter stride over the same distance (Edwards et al. 2009): "
          "1.1 * 0.9^7 = 0.526127.\n\nParameters\n----------\ncycles_ratio : float\n    n'/n, "
          ">= 0.\nload_ratio : float\n    S'/S, >= 0.\nk : float\n    S-N exponent, 1-20 (bone "
          "~ 6.6-7).\n\nReturns\n-------\nfloat\n    The damage ratio D'/D.\n\nRaises\n------\n"
          "ValueError\n    For a negative or non-finite ratio or k out of range.");

    py::class_<rc::StrengthEffect>(m, "StrengthEffect",
                                   "Risk multiplier of a weekly strength dose with its 95 % CI.")
        .def_readonly("dose_fraction", &rc::StrengthEffect::dose_fraction,
                      "min(1, minutes / target), in [0, 1]")
        .def_readonly("multiplier", &rc::StrengthEffect::multiplier, "1 - (1 - RR) * dose")
        .def_readonly("multiplier_low", &rc::StrengthEffect::multiplier_low,
                      "with the CI's lower RR (largest reduction)")
        .def_readonly("multiplier_high", &rc::StrengthEffect::multiplier_high,
                      "with the CI's upper RR (smallest reduction)")
        .def("__repr__", [](const rc::StrengthEffect& e) {
            return "StrengthEffect(dose_fraction=" + std::to_string(e.dose_fraction) +
                   ", multiplier=" + std::to_string(e.multiplier) +
                   ", multiplier_low=" + std::to_string(e.multiplier_low) +
                   ", multiplier_high=" + std::to_string(e.multiplier_high) + ")";
        });

    m.def(
        "strength_risk_multiplier",
        [](double weekly_strength_min, double target_min_per_week, double relative_risk,
           double relative_risk_low, double relative_risk_high) {
            rc::StrengthOptions o;
            o.target_min_per_week = target_min_per_week;
            o.relative_risk = relative_risk;
            o.relative_risk_low = relative_risk_low;
            o.relative_risk_high = relative_risk_high;
            return rc::strength_risk_multiplier(weekly_strength_min, o);
        },
        py::arg("weekly_strength_min"), py::arg("target_min_per_week") = sd.target_min_per_week,
        py::arg("relative_risk") = sd.relative_risk,
        py::arg("relative_risk_low") = sd.relative_risk_low,
        py::arg("relative_risk_high") = sd.relative_risk_high,
        "Injury-risk multiplier of weekly strength & conditioning minutes: 1 - (1 - RR) * min(1, "
        "minutes / target). An evidence-based heuristic after Lauersen, Andersen & Andersen 2018 "
        "(BJSM 52:1557; 6 RCTs across sports, RR 0.338, 95 % CI 0.238-0.480), not running-"
        "specific (Toresdahl 2020's marathon RCT was null) and not a mechanical model: multiply "
        "risk outputs (fracture probability) by it, never the load.\n\nParameters\n----------\n"
        "weekly_strength_min : float\n    Strength & conditioning minutes in the week "
        "[min/week], 0-10080.\ntarget_min_per_week : float\n    Minutes at which the full "
        "effect is reached [min/week], > 0.\nrelative_risk : float\n    RR at the target, "
        "(0, 2].\nrelative_risk_low : float\n    Lower end of its CI, (0, relative_risk].\n"
        "relative_risk_high : float\n    Upper end of its CI, [relative_risk, 2].\n\nReturns\n"
        "-------\nStrengthEffect\n    dose_fraction, multiplier, multiplier_low, "
        "multiplier_high.\n\nRaises\n------\nValueError\n    For minutes or an option out of "
        "range.");
}
