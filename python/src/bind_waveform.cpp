// Bindings of the force-signal tools: Butterworth filters (butterworth.hpp), stance detection
// (stances.hpp), per-stance metrics and their summary (metrics.hpp), and the accelerometer ->
// vGRF methods (accelerometer.hpp).
//
// Signals are 1-D float64 C-contiguous numpy arrays read in place (noconvert: the public
// wrappers convert anything else first). The GIL stays held while C++ reads a caller's array,
// so no other Python thread can change it under the C++ code (a changed sample between the
// kernel and its finiteness check would turn into a wrong answer, not an error). It is
// released only where the data is private: filtfilt/lfilter with owned = True filter the
// wrapper's own fresh copy in place. Results are new numpy arrays owning C++ storage.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <strideload/waveform/accelerometer.hpp>
#include <strideload/waveform/waveform.hpp>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace wf = strideload::waveform;

namespace {

using Signal = sl::python::Doubles;

std::span<const double> view(const Signal& x, const char* name) {
    return sl::python::view(x, name, "1 (a 1-D array of samples)");
}

std::span<const double> view(const std::optional<Signal>& x, const char* name) {
    return sl::python::view(x, name, "1 (a 1-D array of samples)");
}

wf::FilterCoefficients coefficients(std::vector<double> b, std::vector<double> a) {
    return {std::move(b), std::move(a)};
}

// Runs @p filter (filtfilt or lfilter) on x: into a new array with the GIL held when x is the
// caller's, or in place with the GIL released when the wrapper says x is its own copy.
template <class Filter>
Signal run_filter(Signal x, const wf::FilterCoefficients& f, bool owned, Filter&& filter) {
    const std::span<const double> in = view(x, "x");
    if (owned) {
        if (!x.writeable()) throw sl::Error("x", "owned = True needs a writeable array");
        const std::span<double> out(x.mutable_data(), in.size());
        {
            py::gil_scoped_release release;
            filter(in, f, out);
        }
        return x;
    }
    Signal y(static_cast<py::ssize_t>(in.size()));
    filter(in, f, std::span<double>(y.mutable_data(), in.size()));
    return y;
}

using strideload::python::metric_options;

// Small per-stance columns: converted (copied) freely.
using IndexArray = py::array_t<std::int64_t, py::array::forcecast>;
using BoolArray = py::array_t<bool, py::array::forcecast>;
using TimeArray = py::array_t<double, py::array::forcecast>;

// Stances from the columns of strideload.detect_stances' DataFrame.
std::vector<wf::Stance> stances_from(const IndexArray& begin, const IndexArray& end,
                                     const BoolArray& complete, const TimeArray& touchdown_s,
                                     const TimeArray& takeoff_s) {
    const py::ssize_t n = begin.size();
    if (end.size() != n || complete.size() != n || touchdown_s.size() != n || takeoff_s.size() != n)
        throw sl::Error("stances",
                        "begin, end, complete, touchdown_s and takeoff_s must have "
                        "the same length");
    const auto b = begin.unchecked(), e = end.unchecked();
    const auto c = complete.unchecked();
    const auto on = touchdown_s.unchecked(), off = takeoff_s.unchecked();
    std::vector<wf::Stance> out(static_cast<std::size_t>(n));
    for (py::ssize_t i = 0; i < n; ++i)
        out[static_cast<std::size_t>(i)] = {b(i), e(i), c(i), on(i), off(i)};
    return out;
}

py::dict summary_dict(const wf::StanceSummary& s) {
    py::dict d;
    wf::for_each_field(s, [&d](const char* key, double v) { d[key] = v; });
    return d;
}

py::dict table_dict(wf::StanceTable& table) {
    py::dict d;
    wf::for_each_column(table, [&d](const char* key, auto& col) {
        d[key] = py::cast(std::move(col), py::return_value_policy::move);
    });
    return d;
}

// A StanceTable from a dict of columns (copied); every column must be there.
wf::StanceTable table_from(const py::dict& columns) {
    wf::StanceTable t;
    std::string missing;
    wf::for_each_column(t, [&](const char* key, auto& col) {
        using V = std::remove_cvref_t<decltype(col)>;
        if (!columns.contains(key)) {
            missing += (missing.empty() ? "" : ", ") + std::string(key);
            return;
        }
        col = py::cast<V>(columns[key]);
    });
    if (!missing.empty())
        throw sl::Error("stances", "missing column(s) " + missing +
                                       " (pass the DataFrame stance_metrics returned)");
    const Eigen::Index n = t.size();
    wf::for_each_column(t, [n](const char* key, const auto& col) {
        if (col.size() != n)
            throw sl::Error(key, static_cast<double>(col.size()),
                            "as many rows as start_s (" + std::to_string(n) + ")");
    });
    return t;
}

std::vector<wf::StanceBounds> bounds_from(const IndexArray& begin, const IndexArray& end) {
    if (begin.ndim() != 1 || end.ndim() != 1 || begin.size() != end.size())
        throw sl::Error("stances", "begin and end must be 1-D and of the same length");
    std::vector<wf::StanceBounds> bounds(static_cast<std::size_t>(begin.size()));
    const auto b = begin.unchecked<1>(), e = end.unchecked<1>();
    for (py::ssize_t i = 0; i < begin.size(); ++i)
        bounds[static_cast<std::size_t>(i)] = {b(i), e(i)};
    return bounds;
}

wf::AccelCoefficients accel_coefficients_from(const std::string& name) {
    if (name == "original") return wf::AccelCoefficients::original;
    if (name == "kiernan2023_wcs") return wf::AccelCoefficients::kiernan2023_wcs;
    if (name == "kiernan2023_scs") return wf::AccelCoefficients::kiernan2023_scs;
    if (name == "kiernan2023_tccs") return wf::AccelCoefficients::kiernan2023_tccs;
    throw sl::Error("coefficients", "'" + name +
                                        "' is not one of: original, kiernan2023_wcs, "
                                        "kiernan2023_scs, kiernan2023_tccs");
}

wf::AccelOptions accel_options(const std::string& coefficients, double wundersitz_cutoff_hz) {
    wf::AccelOptions o;
    o.coefficients = accel_coefficients_from(coefficients);
    o.wundersitz_cutoff = sl::hertz(wundersitz_cutoff_hz);
    return o;
}

}  // namespace

void bind_waveform(py::module_& m) {
    m.def(
        "butter",
        [](int order, double cutoff_hz, double rate_hz, bool highpass) {
            const wf::FilterCoefficients c =
                highpass ? wf::butter_highpass(order, sl::hertz(cutoff_hz), sl::hertz(rate_hz))
                         : wf::butter_lowpass(order, sl::hertz(cutoff_hz), sl::hertz(rate_hz));
            return py::make_tuple(
                py::array_t<double>(static_cast<py::ssize_t>(c.b.size()), c.b.data()),
                py::array_t<double>(static_cast<py::ssize_t>(c.a.size()), c.a.data()));
        },
        py::arg("order"), py::arg("cutoff_hz"), py::arg("rate_hz"), py::arg("highpass"),
        "Butterworth design (internal; strideload.butter is the public form).\n\n"
        "Parameters\n----------\norder : int\n    Filter order, 1-8.\n"
        "cutoff_hz : float\n    -3 dB frequency [Hz], in (0, rate_hz/2).\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "highpass : bool\n    High-pass instead of low-pass.\n\n"
        "Returns\n-------\ntuple of numpy.ndarray\n    (b, a), as scipy.signal.butter.");

    const char* filter_args_doc =
        "Parameters\n----------\nx : numpy.ndarray\n"
        "    1-D float64 C-contiguous signal (anything else is a TypeError).\n"
        "b, a : list of float\n    Transfer-function coefficients (order <= 8).\n"
        "owned : bool\n    x is the caller's private copy: filter it in place with the GIL\n"
        "    released and return it. Otherwise x is only read (GIL held).\n\n";
    m.def(
        "filtfilt",
        [](Signal x, std::vector<double> b, std::vector<double> a, bool owned) {
            return run_filter(std::move(x), coefficients(std::move(b), std::move(a)), owned,
                              [](auto in, const auto& f, auto out) { wf::filtfilt(in, f, out); });
        },
        py::arg("x").noconvert(), py::arg("b"), py::arg("a"), py::arg("owned"),
        (std::string("Zero-phase filtering, == scipy.signal.filtfilt(b, a, x) (internal;\n"
                     "strideload.filtfilt is the public form).\n\n") +
         filter_args_doc +
         "Returns\n-------\nnumpy.ndarray\n    The filtered signal.\n\n"
         "Raises\n------\nValueError\n    For a non-finite sample (naming its index), a signal "
         "not longer than\n    3 x max(len(a), len(b)), or bad coefficients.")
            .c_str());
    m.def(
        "lfilter",
        [](Signal x, std::vector<double> b, std::vector<double> a, bool owned) {
            return run_filter(std::move(x), coefficients(std::move(b), std::move(a)), owned,
                              [](auto in, const auto& f, auto out) { wf::lfilter(in, f, out); });
        },
        py::arg("x").noconvert(), py::arg("b"), py::arg("a"), py::arg("owned"),
        (std::string("Causal filtering from rest, == scipy.signal.lfilter(b, a, x) (internal;\n"
                     "strideload.lfilter is the public form).\n\n") +
         filter_args_doc +
         "Returns\n-------\nnumpy.ndarray\n    The filtered signal.\n\n"
         "Raises\n------\nValueError\n    For a non-finite sample (naming its index) or bad "
         "coefficients.")
            .c_str());

    m.def(
        "detect_stances",
        [](const Signal& vertical_N, double rate_hz, double threshold_N, double release_N,
           double min_contact_s, double min_flight_s) {
            wf::StanceOptions o;
            o.threshold = sl::newtons(threshold_N);
            o.release = sl::newtons(release_N);
            o.min_contact = sl::seconds(min_contact_s);
            o.min_flight = sl::seconds(min_flight_s);
            const std::vector<wf::Stance> stances =
                wf::detect_stances(view(vertical_N, "vertical_N"), sl::hertz(rate_hz), o);
            const auto n = static_cast<py::ssize_t>(stances.size());
            py::array_t<std::int64_t> begin(n), end(n);
            py::array_t<double> touchdown(n), takeoff(n);
            py::array_t<bool> complete(n);
            auto b = begin.mutable_unchecked(), e = end.mutable_unchecked();
            auto on = touchdown.mutable_unchecked(), off = takeoff.mutable_unchecked();
            auto c = complete.mutable_unchecked();
            for (py::ssize_t i = 0; i < n; ++i) {
                const wf::Stance& s = stances[static_cast<std::size_t>(i)];
                b(i) = s.begin;
                e(i) = s.end;
                on(i) = s.touchdown_s;
                off(i) = s.takeoff_s;
                c(i) = s.complete;
            }
            py::dict d;
            d["begin"] = begin;
            d["end"] = end;
            d["touchdown_s"] = touchdown;
            d["takeoff_s"] = takeoff;
            d["complete"] = complete;
            return d;
        },
        py::arg("vertical_N").noconvert(), py::arg("rate_hz"), py::arg("threshold_N"),
        py::arg("release_N"), py::arg("min_contact_s"), py::arg("min_flight_s"),
        "Foot contacts in a vertical force (internal; strideload.detect_stances is the public "
        "form).\n\n"
        "Parameters\n----------\nvertical_N : numpy.ndarray\n    Vertical GRF [N], 1-D float64 "
        "C-contiguous, read in place.\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "threshold_N : float\n    A contact starts above this [N].\n"
        "release_N : float\n    and ends below this [N], (0, threshold_N].\n"
        "min_contact_s : float\n    Shorter contacts are dropped [s].\n"
        "min_flight_s : float\n    Shorter dips do not end a contact [s].\n\n"
        "Returns\n-------\ndict\n    ``begin``, ``end`` (int64 samples, [begin, end)), "
        "``touchdown_s``, ``takeoff_s`` [s],\n    ``complete`` (bool).");

    m.def(
        "stance_metrics",
        [](const Signal& vertical_N, const std::optional<Signal>& anterior_posterior_N,
           double rate_hz, const IndexArray& begin, const IndexArray& end,
           const BoolArray& complete, const TimeArray& touchdown_s, const TimeArray& takeoff_s,
           double mass_kg, double gravity_m_s2, double impact_window_fraction, double impact_min_bw,
           double landmark_fraction, double loading_rate_from, double loading_rate_to,
           bool loading_rate_at_samples, const std::string& ap_sign) {
            const auto o = metric_options(mass_kg, gravity_m_s2, impact_window_fraction,
                                          impact_min_bw, landmark_fraction, loading_rate_from,
                                          loading_rate_to, loading_rate_at_samples, ap_sign);
            const std::vector<wf::Stance> stances =
                stances_from(begin, end, complete, touchdown_s, takeoff_s);
            const auto v = view(vertical_N, "vertical_N");
            wf::StanceTable table =
                wf::stance_metrics(v, view(anterior_posterior_N, "anterior_posterior_N"),
                                   sl::hertz(rate_hz), stances, o);
            const wf::StanceSummary summary = wf::summarize(table, v, sl::hertz(rate_hz), o);
            return py::make_tuple(table_dict(table), summary_dict(summary));
        },
        py::arg("vertical_N").noconvert(), py::arg("anterior_posterior_N").noconvert(),
        py::arg("rate_hz"), py::arg("begin"), py::arg("end"), py::arg("complete"),
        py::arg("touchdown_s"), py::arg("takeoff_s"), py::arg("mass_kg"), py::arg("gravity_m_s2"),
        py::arg("impact_window_fraction"), py::arg("impact_min_bw"), py::arg("landmark_fraction"),
        py::arg("loading_rate_from"), py::arg("loading_rate_to"),
        py::arg("loading_rate_at_samples"), py::arg("ap_sign"),
        "Per-stance metrics and their summary (internal; strideload.stance_metrics is the "
        "public form).\n\n"
        "Parameters\n----------\nvertical_N : numpy.ndarray\n    Vertical GRF [N], 1-D float64 "
        "C-contiguous, read in place.\n"
        "anterior_posterior_N : numpy.ndarray or None\n    AP GRF [N], same length, or None.\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "begin, end, complete, touchdown_s, takeoff_s : numpy.ndarray\n"
        "    The stances, as detect_stances returns them.\n"
        "mass_kg : float\n    Body mass [kg], 20-250.\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2]; bodyweight = mass x gravity.\n"
        "impact_window_fraction : float\n    Share of contact searched for an impact peak.\n"
        "impact_min_bw : float\n    An impact peak exceeds this [BW].\n"
        "landmark_fraction : float\n    Loading-rate landmark without an impact peak, share of "
        "contact.\n"
        "loading_rate_from, loading_rate_to : float\n    Loading-rate window, shares of the "
        "landmark force.\n"
        "loading_rate_at_samples : bool\n    Window ends at the first samples at or above its "
        "bounds instead of interpolated crossings.\n"
        "ap_sign : str\n    'propulsive_positive' or 'braking_positive'.\n\n"
        "Returns\n-------\ntuple\n    (dict of columns keyed as StanceTable, dict of the "
        "StanceSummary fields).");

    m.def(
        "stance_summary",
        [](const py::dict& columns, const std::optional<Signal>& vertical_N,
           std::optional<double> rate_hz, std::optional<double> mass_kg, double gravity_m_s2) {
            const wf::StanceTable table = table_from(columns);
            if (!vertical_N) return summary_dict(wf::summarize(table));
            if (!rate_hz) throw sl::Error("rate_hz", "required with a force signal");
            if (!mass_kg) throw sl::Error("mass_kg", "required with a force signal");
            wf::MetricOptions o;
            o.mass = sl::kilograms(*mass_kg);
            o.gravity = sl::meters_per_second_squared(gravity_m_s2);
            return summary_dict(
                wf::summarize(table, view(vertical_N, "vertical_N"), sl::hertz(*rate_hz), o));
        },
        py::arg("columns"), py::arg("vertical_N").noconvert(), py::arg("rate_hz"),
        py::arg("mass_kg"), py::arg("gravity_m_s2"),
        "Summary of a stance table (internal; strideload.stance_summary is the public form).\n\n"
        "Parameters\n----------\ncolumns : dict\n    Every column of a stance_metrics table.\n"
        "vertical_N : numpy.ndarray or None\n    The signal the table was measured on [N], for "
        "the mean force.\n"
        "rate_hz : float or None\n    Its sample rate [Hz].\n"
        "mass_kg : float or None\n    Body mass [kg].\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2].\n\n"
        "Returns\n-------\ndict\n    The StanceSummary fields.");

    m.def(
        "accel_methods",
        [] {
            py::list out;
            for (const wf::AccelMethodInfo& info : wf::accel_methods()) {
                py::dict d;
                d["name"] = std::string(info.name);
                d["location"] = std::string(wf::sensor_location_name(info.location));
                d["output"] = info.waveform ? "waveform" : "peak";
                d["published_error"] = std::string(info.published_error);
                d["citation"] = std::string(info.citation);
                d["equation"] = std::string(info.equation);
                d["refits"] = info.refits;
                out.append(d);
            }
            return out;
        },
        "The accelerometer -> vGRF methods (internal; strideload.accel_methods is the public "
        "form).\n\n"
        "Returns\n-------\nlist of dict\n    ``name``, ``location``, ``output`` ('waveform' or "
        "'peak'), ``published_error``,\n    ``citation``, ``equation``, ``refits``.");

    m.def(
        "vgrf_from_accel",
        [](const Signal& accel_g, double rate_hz, double mass_kg, const std::string& method,
           const std::string& coefficients, double wundersitz_cutoff_hz) {
            wf::AccelStanceForce f = wf::vgrf_from_accel(
                wf::accel_method_from_name(method), view(accel_g, "accel_g"), sl::hertz(rate_hz),
                sl::kilograms(mass_kg), accel_options(coefficients, wundersitz_cutoff_hz));
            py::dict d;
            d["method"] = method;
            d["peak_vertical_force_N"] = f.peak_vertical_force.value();
            d["peak_vertical_force_bw"] = f.peak_vertical_force_bw;
            const bool waveform = f.vertical_N.size() > 0;
            d["time_s"] = waveform ? py::cast(std::move(f.time_s), py::return_value_policy::move)
                                   : py::none();
            d["vertical_N"] = waveform
                                  ? py::cast(std::move(f.vertical_N), py::return_value_policy::move)
                                  : py::none();
            return d;
        },
        py::arg("accel_g").noconvert(), py::arg("rate_hz"), py::arg("mass_kg"), py::arg("method"),
        py::arg("coefficients"), py::arg("wundersitz_cutoff_hz"),
        "vGRF of one segmented stance from an accelerometer (internal; "
        "strideload.vgrf_from_accel is the public form).\n\n"
        "Parameters\n----------\naccel_g : numpy.ndarray\n    Vertical/axial acceleration [g], "
        "gravity included, 1-D float64 C-contiguous.\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "mass_kg : float\n    Body mass [kg], 20-250.\n"
        "method : str\n    Method name (accel_methods).\n"
        "coefficients : str\n    'original' or a Kiernan 2023 refit.\n"
        "wundersitz_cutoff_hz : float\n    wundersitz2013's low-pass cutoff [Hz], 0 = raw.\n\n"
        "Returns\n-------\ndict\n    ``method``, ``peak_vertical_force_N``, "
        "``peak_vertical_force_bw``, ``time_s`` and\n    ``vertical_N`` (arrays, or None for "
        "peak-only methods).");

    m.def(
        "vgrf_from_accel_batch",
        [](const Signal& accel_g, double rate_hz, double mass_kg, const std::string& method,
           const IndexArray& begin, const IndexArray& end, const std::optional<BoolArray>& complete,
           const std::string& coefficients, double wundersitz_cutoff_hz) {
            const wf::AccelMethod mth = wf::accel_method_from_name(method);
            const auto a = view(accel_g, "accel_g");
            const auto o = accel_options(coefficients, wundersitz_cutoff_hz);
            wf::AccelBatch out;
            if (complete) {
                // A Stance list: one row per complete stance (crossing times unused: NaN).
                const std::vector<wf::StanceBounds> bounds = bounds_from(begin, end);
                if (complete->size() != begin.size())
                    throw sl::Error("stances", "complete must have one flag per stance");
                const auto c = complete->unchecked();
                std::vector<wf::Stance> stances(bounds.size());
                for (std::size_t i = 0; i < bounds.size(); ++i)
                    stances[i] = {bounds[i].first, bounds[i].second,
                                  c(static_cast<py::ssize_t>(i))};
                out = wf::vgrf_from_accel_batch(mth, a, sl::hertz(rate_hz), sl::kilograms(mass_kg),
                                                std::span<const wf::Stance>(stances), o);
            } else {
                const std::vector<wf::StanceBounds> bounds = bounds_from(begin, end);
                out = wf::vgrf_from_accel_batch(mth, a, sl::hertz(rate_hz), sl::kilograms(mass_kg),
                                                std::span<const wf::StanceBounds>(bounds), o);
            }
            py::dict d;
            d["peak_vertical_force_N"] =
                py::cast(std::move(out.peak_vertical_force_N), py::return_value_policy::move);
            d["peak_vertical_force_bw"] =
                py::cast(std::move(out.peak_vertical_force_bw), py::return_value_policy::move);
            d["stance_index"] =
                py::cast(std::move(out.stance_index), py::return_value_policy::move);
            d["vertical_force_N"] =
                out.vertical_force_N.size() > 0
                    ? py::cast(std::move(out.vertical_force_N), py::return_value_policy::move)
                    : py::none();
            return d;
        },
        py::arg("accel_g").noconvert(), py::arg("rate_hz"), py::arg("mass_kg"), py::arg("method"),
        py::arg("begin"), py::arg("end"), py::arg("complete"), py::arg("coefficients"),
        py::arg("wundersitz_cutoff_hz"),
        "vGRF of many stances of one continuous trace (internal; strideload.vgrf_from_accel "
        "is the public form).\n\n"
        "Parameters\n----------\naccel_g : numpy.ndarray\n    The whole trace [g], 1-D float64 "
        "C-contiguous.\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "mass_kg : float\n    Body mass [kg], 20-250.\n"
        "method : str\n    Method name (accel_methods).\n"
        "begin, end : numpy.ndarray\n    Stance bounds [begin, end) in samples.\n"
        "complete : numpy.ndarray or None\n    detect_stances' flags: only complete stances "
        "give a row; None = every stance.\n"
        "coefficients : str\n    'original' or a Kiernan 2023 refit.\n"
        "wundersitz_cutoff_hz : float\n    wundersitz2013's low-pass cutoff [Hz], 0 = raw.\n\n"
        "Returns\n-------\ndict\n    ``peak_vertical_force_N``, ``peak_vertical_force_bw``, "
        "``stance_index`` (arrays, one per row) and\n    ``vertical_force_N`` (the whole-trace "
        "waveform, or None for peak-only methods).");

    m.def(
        "accel_stance_metrics",
        [](const Signal& accel_g, double rate_hz, double mass_kg, const std::string& method,
           const std::optional<IndexArray>& begin, const std::optional<IndexArray>& end,
           const std::optional<BoolArray>& complete, const std::optional<TimeArray>& touchdown_s,
           const std::optional<TimeArray>& takeoff_s, double wundersitz_cutoff_hz,
           double gravity_m_s2, double impact_window_fraction, double impact_min_bw,
           double landmark_fraction, double loading_rate_from,
           double loading_rate_to) -> py::object {
            const wf::AccelMethod mth = wf::accel_method_from_name(method);
            const auto a = view(accel_g, "accel_g");
            const auto o = accel_options("original", wundersitz_cutoff_hz);
            const auto mo = metric_options(mass_kg, gravity_m_s2, impact_window_fraction,
                                           impact_min_bw, landmark_fraction, loading_rate_from,
                                           loading_rate_to, false, "propulsive_positive");
            if (!begin) {
                const wf::StanceMetrics sm =
                    wf::accel_stance_metrics(mth, a, sl::hertz(rate_hz), mo, o);
                py::dict d;
                wf::for_each_field(sm, [&d](const char* key, double v) { d[key] = v; });
                return d;
            }
            if (!end || !complete || !touchdown_s || !takeoff_s)
                throw sl::Error("stances",
                                "begin, end, complete, touchdown_s and takeoff_s go "
                                "together");
            const std::vector<wf::Stance> stances =
                stances_from(*begin, *end, *complete, *touchdown_s, *takeoff_s);
            wf::StanceTable table =
                wf::accel_stance_metrics(mth, a, sl::hertz(rate_hz), stances, mo, o);
            return table_dict(table);
        },
        py::arg("accel_g").noconvert(), py::arg("rate_hz"), py::arg("mass_kg"), py::arg("method"),
        py::arg("begin"), py::arg("end"), py::arg("complete"), py::arg("touchdown_s"),
        py::arg("takeoff_s"), py::arg("wundersitz_cutoff_hz"), py::arg("gravity_m_s2"),
        py::arg("impact_window_fraction"), py::arg("impact_min_bw"), py::arg("landmark_fraction"),
        py::arg("loading_rate_from"), py::arg("loading_rate_to"),
        "Force metrics of the vGRF a waveform method estimates (internal; "
        "strideload.accel_stance_metrics is the public form).\n\n"
        "Parameters\n----------\naccel_g : numpy.ndarray\n    One stance, or the whole trace "
        "with stances [g], 1-D float64 C-contiguous.\n"
        "rate_hz : float\n    Sample rate [Hz].\n"
        "mass_kg : float\n    Body mass [kg], 20-250.\n"
        "method : str\n    gurchiek2017 or wundersitz2013.\n"
        "begin, end, complete, touchdown_s, takeoff_s : numpy.ndarray or None\n"
        "    The stances, as detect_stances returns them; None for one segmented stance.\n"
        "wundersitz_cutoff_hz : float\n    wundersitz2013's low-pass cutoff [Hz], 0 = raw.\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2] for bodyweights.\n"
        "impact_window_fraction, impact_min_bw, landmark_fraction : float\n"
        "    Metric definitions, as stance_metrics.\n"
        "loading_rate_from, loading_rate_to : float\n    Loading-rate window, as "
        "stance_metrics.\n\n"
        "Returns\n-------\ndict\n    One stance: the StanceMetrics fields. Stances: the "
        "StanceTable columns.");
}
