// Recovery (strideload/recovery/): fitness/fatigue/form, ACWR, monotony/strain, session-RPE,
// TRIMP, "how much today?" and uncertainty bands. These are the numpy kernels under the pandas
// functions of strideload/recovery.py (same names without the leading underscore). 1-D loads are
// read in place; a 2-D athlete x day array goes to the batch kernel without copies and without
// the GIL.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <strideload/recovery/fitness_fatigue.hpp>
#include <strideload/recovery/plan.hpp>
#include <strideload/recovery/recovered.hpp>
#include <strideload/recovery/uncertainty.hpp>
#include <strideload/recovery/workload.hpp>
#include <string>
#include <vector>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace rc = strideload::recovery;

namespace {

using sl::python::Doubles;
using sl::python::to_array;

std::span<const double> series_of(const Doubles& x, const char* name) {
    return sl::python::view(x, name, "1 (one value per day)");
}

rc::Decay decay_from(const std::string& name) {
    if (name == "exponential") return rc::Decay::exponential;
    if (name == "reciprocal") return rc::Decay::reciprocal;
    throw sl::Error("decay", "'" + name + "' is not one of: exponential, reciprocal");
}

rc::FitnessFatigueOptions ff_options(const py::dict& kw) {
    rc::FitnessFatigueOptions o;
    if (kw.contains("fitness_tau_days")) o.fitness_tau_days = kw["fitness_tau_days"].cast<double>();
    if (kw.contains("fatigue_tau_days")) o.fatigue_tau_days = kw["fatigue_tau_days"].cast<double>();
    if (kw.contains("decay")) o.decay = decay_from(kw["decay"].cast<std::string>());
    if (kw.contains("form_today")) o.form_today = kw["form_today"].cast<bool>();
    if (kw.contains("seed_fitness")) o.seed_fitness = kw["seed_fitness"].cast<double>();
    if (kw.contains("seed_fatigue")) o.seed_fatigue = kw["seed_fatigue"].cast<double>();
    if (kw.contains("ramp_days")) o.ramp_days = kw["ramp_days"].cast<int>();
    return o;
}

rc::AcwrOptions acwr_options(int acute_days, int chronic_days, const std::string& seed) {
    rc::AcwrOptions o;
    o.acute_days = acute_days;
    o.chronic_days = chronic_days;
    if (seed == "first_load")
        o.ewma_seed = rc::EwmaSeed::first_load;
    else if (seed == "zero")
        o.ewma_seed = rc::EwmaSeed::zero;
    else
        throw sl::Error("ewma_seed", "'" + seed + "' is not one of: first_load, zero");
    return o;
}

rc::SdConvention sd_from(const std::string& name) {
    if (name == "sample") return rc::SdConvention::sample;
    if (name == "population") return rc::SdConvention::population;
    throw sl::Error("sd", "'" + name + "' is not one of: sample, population");
}

rc::UncertaintyOptions uncertainty_options(const py::dict& kw) {
    rc::UncertaintyOptions u;
    const std::pair<const char*, double*> fields[] = {
        {"peak_bias", &u.peak_bias},
        {"peak_sd", &u.peak_sd},
        {"z", &u.z},
        {"load_exponent", &u.load_exponent},
        {"fitness_tau_low_days", &u.fitness_tau_low_days},
        {"fitness_tau_high_days", &u.fitness_tau_high_days},
        {"fatigue_tau_low_days", &u.fatigue_tau_low_days},
        {"fatigue_tau_high_days", &u.fatigue_tau_high_days},
        {"repair_tau_low_days", &u.repair_tau_low_days},
        {"repair_tau_high_days", &u.repair_tau_high_days}};
    for (auto item : kw) {  // every keyword sets its field; an unknown one is an error
        const auto key = item.first.cast<std::string>();
        const auto* f = std::find_if(std::begin(fields), std::end(fields),
                                     [&](const auto& p) { return key == p.first; });
        if (f == std::end(fields)) throw sl::Error(key, "unknown uncertainty option");
        *f->second = item.second.cast<double>();
    }
    return u;
}

rc::DamageOptions damage_options(const py::dict& kw) {
    rc::DamageOptions d;
    if (kw.contains("cycles_to_failure"))
        d.cycles_to_failure = kw["cycles_to_failure"].cast<double>();
    if (kw.contains("limb_fraction")) d.limb_fraction = kw["limb_fraction"].cast<double>();
    if (kw.contains("repair_tau_days")) d.repair_tau_days = kw["repair_tau_days"].cast<double>();
    return d;
}

py::dict band_dict(const char* name, const rc::Band& b, py::dict out) {
    out[(std::string(name) + "_low").c_str()] = to_array(std::vector<double>(b.low));
    out[(std::string(name) + "_high").c_str()] = to_array(std::vector<double>(b.high));
    return out;
}

/// Rejects keywords the kernel does not know (a typo must not be ignored silently).
void only(const py::dict& kw, std::initializer_list<const char*> known, const char* function) {
    for (auto item : kw) {
        const auto key = item.first.cast<std::string>();
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) throw sl::Error(key, std::string("unknown option of ") + function);
    }
}

constexpr std::initializer_list<const char*> ff_keys{
    "fitness_tau_days", "fatigue_tau_days", "decay",    "form_today",
    "seed_fitness",     "seed_fatigue",     "ramp_days"};

}  // namespace

void bind_recovery(py::module_& m) {
    m.def(
        "_fitness_fatigue",
        [](const Doubles& load, const py::kwargs& kw) {
            only(kw, ff_keys, "fitness_fatigue");
            const auto o = ff_options(kw);
            auto r = rc::fitness_fatigue(series_of(load, "load"), o);
            py::dict d;
            d["fitness"] = to_array(std::move(r.fitness));
            d["fatigue"] = to_array(std::move(r.fatigue));
            d["form"] = to_array(std::move(r.form));
            d["ramp"] = to_array(std::move(r.ramp));
            return d;
        },
        py::arg("load"),
        "Fitness, fatigue, form and ramp of one daily series (numpy kernel of "
        "strideload.fitness_fatigue).\n\nParameters\n----------\nload : numpy.ndarray\n    Daily "
        "load, 1-D, finite, >= 0.\n**options\n    fitness_tau_days, fatigue_tau_days, decay, "
        "form_today, seed_fitness, seed_fatigue, ramp_days.\n\nReturns\n-------\ndict\n    "
        "Arrays 'fitness', 'fatigue', 'form', 'ramp'.");
    m.def(
        "_fitness_fatigue_batch",
        [](const Doubles& load, const py::kwargs& kw) {
            only(kw, ff_keys, "fitness_fatigue");
            const auto o = ff_options(kw);
            if (load.ndim() != 2)
                throw sl::Error("load", static_cast<double>(load.ndim()),
                                "2 dimensions (athletes x days)");
            const auto rows = load.shape(0), cols = load.shape(1);
            py::array_t<double, py::array::c_style> f({rows, cols}), a({rows, cols}),
                s({rows, cols});
            {
                py::gil_scoped_release release;
                using Map = Eigen::Map<rc::DayMatrix>;
                Eigen::Map<const rc::DayMatrix> in(load.data(), rows, cols);
                Map mf(f.mutable_data(), rows, cols), ma(a.mutable_data(), rows, cols),
                    ms(s.mutable_data(), rows, cols);
                rc::fitness_fatigue_batch(in, o, mf, ma, ms);
            }
            return py::make_tuple(f, a, s);
        },
        py::arg("load"),
        "Fitness, fatigue and form of many athletes (athlete x day, C-contiguous float64 read "
        "in place; the GIL is released).\n\nParameters\n----------\nload : numpy.ndarray\n    "
        "2-D daily loads, one athlete per row.\n**options\n    As _fitness_fatigue (ramp_days "
        "is accepted and unused).\n\nReturns\n-------\ntuple\n    (fitness, fatigue, form), "
        "each shaped like load.");
    m.def(
        "_days_until_fresh",
        [](double fitness, double fatigue, const py::kwargs& kw) {
            only(kw, ff_keys, "days_until_fresh");
            return rc::days_until_fresh(fitness, fatigue, ff_options(kw));
        },
        py::arg("fitness"), py::arg("fatigue"),
        "Days without training until form is back to >= 0 (inf if fitness is 0).\n\n"
        "Parameters\n----------\nfitness, fatigue : float\n    Values after the last day.\n"
        "**options\n    The fitness_fatigue conventions.\n\nReturns\n-------\nfloat\n    Days.");
    m.def(
        "_acwr",
        [](const Doubles& load, int acute_days, int chronic_days, const std::string& ewma_seed) {
            auto r = rc::acwr(series_of(load, "load"),
                              acwr_options(acute_days, chronic_days, ewma_seed));
            py::dict d;
            d["rolling_coupled"] = to_array(std::move(r.rolling_coupled));
            d["rolling_uncoupled"] = to_array(std::move(r.rolling_uncoupled));
            d["ewma"] = to_array(std::move(r.ewma));
            d["ewma_acute"] = to_array(std::move(r.ewma_acute));
            d["ewma_chronic"] = to_array(std::move(r.ewma_chronic));
            return d;
        },
        py::arg("load"), py::arg("acute_days") = 7, py::arg("chronic_days") = 28,
        py::arg("ewma_seed") = "first_load",
        "Acute:chronic workload ratio by three methods (numpy kernel of strideload.acwr).\n\n"
        "Parameters\n----------\nload : numpy.ndarray\n    Daily load.\nacute_days, "
        "chronic_days : int\n    Windows.\newma_seed : str\n    'first_load' or 'zero'.\n\n"
        "Returns\n-------\ndict\n    Arrays per method (NaN where undefined).");
    m.def(
        "_rolling_monotony_strain",
        [](const Doubles& load, int window_days, const std::string& sd) {
            auto r = rc::rolling_monotony_strain(series_of(load, "load"), window_days, sd_from(sd));
            return py::make_tuple(to_array(std::move(r.monotony)), to_array(std::move(r.strain)));
        },
        py::arg("load"), py::arg("window_days") = 7, py::arg("sd") = "sample",
        "Rolling Foster monotony and strain.\n\nParameters\n----------\nload : numpy.ndarray\n"
        "    Daily load.\nwindow_days : int\n    Window, >= 2.\nsd : str\n    'sample' or "
        "'population'.\n\nReturns\n-------\ntuple\n    (monotony, strain) arrays.");
    m.def(
        "monotony_strain",
        [](const Doubles& days, const std::string& sd) {
            const auto r = rc::monotony_strain(series_of(days, "days"), sd_from(sd));
            py::dict d;
            d["total"] = r.total;
            d["mean"] = r.mean;
            d["sd"] = r.sd;
            d["monotony"] = r.monotony;
            d["strain"] = r.strain;
            return d;
        },
        py::arg("days"), py::arg("sd") = "sample",
        "Training monotony and strain of one window of daily loads, usually a week (Foster "
        "1998 Med Sci Sports Exerc 30:1164).\n\nmonotony = mean / SD, strain = weekly load x "
        "monotony. SD = 0 is explicit: a week of rest has monotony 0, identical non-zero days "
        "inf.\n\nParameters\n----------\ndays : array_like\n    The window's daily loads, >= 2 "
        "values, finite, >= 0.\nsd : str\n    'sample' (n - 1, the spreadsheet convention, "
        "default) or 'population' (n).\n\nReturns\n-------\ndict\n    total, mean, sd, "
        "monotony, strain.\n\nRaises\n------\nValueError\n    For a bad load or fewer than 2 "
        "days.");
    m.def(
        "session_rpe_load",
        [](double rpe, double duration_min) {
            return rc::session_rpe_load(rpe, sl::minutes(duration_min));
        },
        py::arg("rpe"), py::arg("duration_min"),
        "Session-RPE training load, RPE x minutes (Foster et al. 2001 J Strength Cond Res "
        "15:109).\n\nParameters\n----------\nrpe : float\n    Rating of perceived exertion, "
        "CR-10 scale, 0-10.\nduration_min : float\n    Session duration [min], 0-1440.\n\n"
        "Returns\n-------\nfloat\n    Load [AU].\n\nRaises\n------\nValueError\n    For an "
        "RPE or duration out of range.");
    m.def(
        "trimp",
        [](double duration_min, double hr_average_bpm, double hr_rest_bpm, double hr_max_bpm,
           const std::string& sex) {
            if (sex != "male" && sex != "female")
                throw sl::Error("sex", "'" + sex + "' is not one of: male, female");
            return rc::trimp(sl::minutes(duration_min), sl::beats_per_minute(hr_average_bpm),
                             sl::beats_per_minute(hr_rest_bpm), sl::beats_per_minute(hr_max_bpm),
                             sex == "male" ? rc::Sex::male : rc::Sex::female);
        },
        py::arg("duration_min"), py::arg("hr_average_bpm"), py::arg("hr_rest_bpm"),
        py::arg("hr_max_bpm"), py::arg("sex") = "male",
        "Banister's heart-rate TRIMP: minutes x HRr x 0.64 e^(1.92 HRr) (men) or 0.86 e^(1.67 "
        "HRr) (women), HRr = (HR_avg - HR_rest) / (HR_max - HR_rest).\n\nParameters\n"
        "----------\nduration_min : float\n    Session duration [min].\nhr_average_bpm : float\n"
        "    Mean heart rate [beats/min], between rest and max.\nhr_rest_bpm : float\n    "
        "Resting heart rate [beats/min].\nhr_max_bpm : float\n    Maximum heart rate "
        "[beats/min].\nsex : str\n    'male' or 'female'.\n\nReturns\n-------\nfloat\n    "
        "TRIMP [AU] (108.095 for 60 min at 150, rest 50, max 190, male).\n\nRaises\n------\n"
        "ValueError\n    For heart rates out of order or a bad duration.");
    m.def(
        "_plan_today",
        [](const Doubles& history, const std::string& target, double low, double high, int days,
           double max_load, double load_per_km, const std::string& acwr_method, int acute_days,
           int chronic_days, const std::string& ewma_seed, const py::dict& ff,
           const py::dict& damage) {
            rc::PlanOptions o;
            o.target = rc::plan_target_from_name(target);
            o.low = low;
            o.high = high;
            o.days = days;
            o.max_load = max_load;
            o.load_per_km = load_per_km;
            o.acwr_method = rc::acwr_method_from_name(acwr_method);
            o.acwr = acwr_options(acute_days, chronic_days, ewma_seed);
            only(ff, ff_keys, "plan_today");
            o.fitness_fatigue = ff_options(ff);
            only(damage, {"cycles_to_failure", "limb_fraction", "repair_tau_days"}, "plan_today");
            o.damage = damage_options(damage);
            auto p = rc::plan_today(series_of(history, "history"), o);
            py::dict today;
            today["low"] = p.today.low;
            today["high"] = p.today.high;
            today["feasible"] = p.today.feasible;
            today["reason"] = p.today.reason;
            today["limited_by_max_load"] = p.today.limited_by_max_load;
            today["value_at_low"] = p.today.value_at_low;
            today["value_at_high"] = p.today.value_at_high;
            today["distance_low_km"] = p.today.distance_low_km;
            today["distance_high_km"] = p.today.distance_high_km;
            py::dict plan;
            plan["load"] = to_array(std::move(p.load));
            plan["value"] = to_array(std::move(p.value));
            plan["in_band"] = std::vector<bool>(p.in_band.begin(), p.in_band.end());
            plan["distance_km"] = to_array(std::move(p.distance_km));
            return py::make_tuple(today, plan);
        },
        py::arg("history"), py::arg("target"), py::arg("low"), py::arg("high"), py::arg("days"),
        py::arg("max_load"), py::arg("load_per_km"), py::arg("acwr_method"), py::arg("acute_days"),
        py::arg("chronic_days"), py::arg("ewma_seed"), py::arg("ff"), py::arg("damage"),
        "Numpy kernel of strideload.plan_today.\n\nParameters\n----------\nhistory : "
        "numpy.ndarray\n    Daily load up to yesterday.\n\nReturns\n-------\ntuple\n    (today "
        "dict, plan dict of arrays).");
    m.def(
        "_fitness_fatigue_bands",
        [](const Doubles& load, const py::dict& ff, const py::dict& uncertainty) {
            only(ff, ff_keys, "fitness_fatigue_bands");
            const auto b = rc::fitness_fatigue_bands(series_of(load, "load"), ff_options(ff),
                                                     uncertainty_options(uncertainty));
            py::dict d;
            band_dict("fitness", b.fitness, d);
            band_dict("fatigue", b.fatigue, d);
            band_dict("form", b.form, d);
            return d;
        },
        py::arg("load"), py::arg("ff"), py::arg("uncertainty"),
        "Numpy kernel of strideload.fitness_fatigue_bands.\n\nParameters\n----------\nload : "
        "numpy.ndarray\n    Daily load.\n\nReturns\n-------\ndict\n    <name>_low / <name>_high "
        "arrays.");
    m.def(
        "_damage_bands",
        [](const Doubles& cycles, const py::dict& damage, const py::dict& uncertainty) {
            rc::FractureOptions f;
            f.damage = damage_options(damage);
            const auto b = rc::damage_bands(series_of(cycles, "equivalent_cycles"), f,
                                            uncertainty_options(uncertainty));
            py::dict d;
            band_dict("damage", b.damage, d);
            band_dict("fracture_probability", b.fracture_probability, d);
            return d;
        },
        py::arg("equivalent_cycles"), py::arg("damage"), py::arg("uncertainty"),
        "Numpy kernel of strideload.damage_bands.\n\nParameters\n----------\nequivalent_cycles "
        ": numpy.ndarray\n    Daily N_eq.\n\nReturns\n-------\ndict\n    <name>_low / "
        "<name>_high arrays.");
    m.def(
        "days_until_repaired",
        [](double fraction_repaired, double repair_tau_days) {
            rc::DamageOptions d;
            d.repair_tau_days = repair_tau_days;
            return rc::days_until_repaired(fraction_repaired, d);
        },
        py::arg("fraction_repaired"), py::arg("repair_tau_days") = 18.5,
        "Days until a fraction of today's tissue damage is repaired, -tau ln(1 - q), under "
        "first-order repair (tau 18.5 d: Taylor et al. 2004 J Orthop Res 22:487).\n\n"
        "Parameters\n----------\nfraction_repaired : float\n    q in [0, 1) (0.9: 90 % "
        "repaired).\nrepair_tau_days : float\n    Repair time constant [days].\n\nReturns\n"
        "-------\nfloat\n    Days.\n\nRaises\n------\nValueError\n    For q outside [0, 1).");
}
