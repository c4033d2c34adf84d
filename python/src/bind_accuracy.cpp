// Bindings of the model-accuracy benchmark (accuracy/compare_models.hpp): every per-step GRF
// model run on each measured stance's contact and flight time, compared step by step with the
// measurement (Bland-Altman bias, SD, limits of agreement, MAPE, R^2, r).
//
// The measured columns are float64 C-contiguous arrays read in place (noconvert); the public
// wrapper passes its own copies, so the models run with the GIL released.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <strideload/accuracy/compare_models.hpp>
#include <string>
#include <utility>
#include <vector>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace acc = strideload::accuracy;
namespace grf = strideload::grf;

namespace {

using Column = sl::python::Doubles;

std::span<const double> view(const Column& x, const char* name) {
    return sl::python::view(x, name, "1 (one value per stance)");
}

std::span<const double> view(const std::optional<Column>& x, const char* name) {
    return sl::python::view(x, name, "1 (one value per stance)");
}

py::dict row_dict(const acc::ComparisonRow& row) {
    const acc::Agreement& a = row.agreement;
    py::dict d;
    d["model"] = std::string(grf::model_info(row.model).name);
    d["metric"] = row.metric;
    d["unit"] = row.unit;
    d["n"] = a.n;
    d["n_missing"] = a.n_missing;
    d["n_zero_measured"] = a.n_zero_measured;
    d["bias"] = a.bias;
    d["sd"] = a.sd;
    d["loa_low"] = a.loa_low;
    d["loa_high"] = a.loa_high;
    d["bias_pct"] = a.bias_pct;
    d["sd_pct"] = a.sd_pct;
    d["loa_low_pct"] = a.loa_low_pct;
    d["loa_high_pct"] = a.loa_high_pct;
    d["mape_pct"] = a.mape_pct;
    d["r2"] = a.r2;
    d["pearson_r"] = a.pearson_r;
    d["measured_mean"] = a.measured_mean;
    d["model_mean"] = a.model_mean;
    return d;
}

py::object column_or_none(Eigen::VectorXd& col) {
    if (col.size() == 0) return py::none();
    return py::cast(std::move(col), py::return_value_policy::move);
}

}  // namespace

void bind_accuracy(py::module_& m) {
    m.def(
        "compare_models",
        [](const Column& contact_time_s, const Column& flight_time_s,
           const Column& peak_vertical_force_N, const std::optional<Column>& vertical_impulse_Ns,
           const std::optional<Column>& loading_rate_bw_per_s,
           const std::optional<Column>& braking_peak_N,
           const std::optional<Column>& propulsive_peak_N, double mass_kg, double speed_m_s,
           std::optional<double> leg_length_m, std::optional<double> height_m,
           const std::optional<std::vector<std::string>>& models, double loa_z,
           double waveform_rate_hz, double bodyweight_multiple, double gravity_m_s2,
           double impact_time_s, double impact_velocity_change_m_s, bool loading_rate,
           double metric_gravity_m_s2, double impact_window_fraction, double impact_min_bw,
           double landmark_fraction, double loading_rate_from, double loading_rate_to,
           bool loading_rate_at_samples) {
            acc::CompareOptions o;
            // The measured table's definitions (its mass is replaced by the athlete's).
            o.metric_options = sl::python::metric_options(
                mass_kg, metric_gravity_m_s2, impact_window_fraction, impact_min_bw,
                landmark_fraction, loading_rate_from, loading_rate_to, loading_rate_at_samples,
                "propulsive_positive");
            if (models)
                for (const std::string& name : *models)
                    o.models.push_back(grf::model_from_name(name));
            std::vector<grf::Model> which = o.models;
            if (which.empty())
                for (const grf::ModelInfo& info : grf::models()) which.push_back(info.model);
            o.model_options.gravity = sl::meters_per_second_squared(gravity_m_s2);
            o.model_options.bodyweight_multiple = bodyweight_multiple;
            o.model_options.clark.impact_time = sl::seconds(impact_time_s);
            o.model_options.clark.impact_velocity_change =
                sl::meters_per_second(impact_velocity_change_m_s);
            o.loa_z = loa_z;
            o.waveform_rate = sl::hertz(waveform_rate_hz);
            o.loading_rate = loading_rate;
            const sl::Athlete athlete =
                sl::python::athlete_of(mass_kg, leg_length_m, height_m, which);
            const acc::MeasuredSteps measured{view(contact_time_s, "contact_time_s"),
                                              view(flight_time_s, "flight_time_s"),
                                              view(peak_vertical_force_N, "peak_vertical_force_N"),
                                              view(vertical_impulse_Ns, "vertical_impulse_Ns"),
                                              view(loading_rate_bw_per_s, "loading_rate_bw_per_s"),
                                              view(braking_peak_N, "braking_peak_N"),
                                              view(propulsive_peak_N, "propulsive_peak_N")};
            acc::Comparison c;
            {
                // The wrapper's private copies are all the C++ code reads.
                py::gil_scoped_release release;
                c = acc::compare_models(measured, athlete, sl::meters_per_second(speed_m_s), o);
            }
            // The measured rows the models were given (compare_models: finite contact and
            // flight time), to map the predictions back to stances.
            std::vector<std::int64_t> index;
            for (std::size_t i = 0; i < measured.contact_time_s.size(); ++i)
                if (std::isfinite(measured.contact_time_s[i]) &&
                    std::isfinite(measured.flight_time_s[i]))
                    index.push_back(static_cast<std::int64_t>(i));
            py::list rows;
            for (const acc::ComparisonRow& row : c.rows) rows.append(row_dict(row));
            py::list predictions;
            for (acc::ModelSteps& p : c.predictions) {
                py::dict d;
                d["model"] = std::string(grf::model_info(p.model).name);
                d["index"] =
                    py::array_t<std::int64_t>(static_cast<py::ssize_t>(index.size()), index.data());
                d["n_failed"] = p.n_failed;
                d["first_error"] = p.first_error;
                py::dict cols;
                cols["peak_vertical_force"] = column_or_none(p.steps.peak_vertical_force_N);
                cols["vertical_impulse"] = column_or_none(p.steps.vertical_impulse_Ns);
                cols["loading_rate"] = column_or_none(p.loading_rate_bw_per_s);
                cols["peak_braking_force"] = column_or_none(p.steps.peak_braking_force_N);
                cols["peak_propulsive_force"] = column_or_none(p.steps.peak_propulsive_force_N);
                d["columns"] = cols;
                predictions.append(d);
            }
            py::dict out;
            out["rows"] = rows;
            out["predictions"] = predictions;
            return out;
        },
        py::arg("contact_time_s").noconvert(), py::arg("flight_time_s").noconvert(),
        py::arg("peak_vertical_force_N").noconvert(), py::arg("vertical_impulse_Ns").noconvert(),
        py::arg("loading_rate_bw_per_s").noconvert(), py::arg("braking_peak_N").noconvert(),
        py::arg("propulsive_peak_N").noconvert(), py::arg("mass_kg"), py::arg("speed_m_s"),
        py::arg("leg_length_m"), py::arg("height_m"), py::arg("models"), py::arg("loa_z"),
        py::arg("waveform_rate_hz"), py::arg("bodyweight_multiple"), py::arg("gravity_m_s2"),
        py::arg("impact_time_s"), py::arg("impact_velocity_change_m_s"), py::arg("loading_rate"),
        py::arg("metric_gravity_m_s2"), py::arg("impact_window_fraction"), py::arg("impact_min_bw"),
        py::arg("landmark_fraction"), py::arg("loading_rate_from"), py::arg("loading_rate_to"),
        py::arg("loading_rate_at_samples"),
        "Every model against measured steps (internal; strideload.compare_models is the public "
        "form).\n\n"
        "The arrays are 1-D float64 C-contiguous, one value per measured stance, and are read\n"
        "with the GIL released: pass arrays nothing else can change during the call.\n\n"
        "Parameters\n----------\ncontact_time_s, flight_time_s : numpy.ndarray\n"
        "    Measured contact and flight time [s] (NaN flight: the stance is not modelled).\n"
        "peak_vertical_force_N : numpy.ndarray\n    Measured active (largest) peak [N].\n"
        "vertical_impulse_Ns : numpy.ndarray or None\n    Measured vertical impulse [N s].\n"
        "loading_rate_bw_per_s : numpy.ndarray or None\n    Measured VALR [BW/s].\n"
        "braking_peak_N, propulsive_peak_N : numpy.ndarray or None\n"
        "    Measured braking (magnitude) and propulsive peaks [N].\n"
        "mass_kg : float\n    Body mass [kg].\n"
        "speed_m_s : float\n    Running speed [m/s].\n"
        "leg_length_m : float or None\n    Standing leg length [m].\n"
        "height_m : float or None\n    Standing height [m] (leg length 0.53 x height if none).\n"
        "models : list of str or None\n    Models to run; None = all.\n"
        "loa_z : float\n    Limits-of-agreement multiplier.\n"
        "waveform_rate_hz : float\n    Rate of the model waveforms for the loading rate [Hz].\n"
        "bodyweight_multiple : float\n    constant_multiple's k [BW].\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2].\n"
        "impact_time_s, impact_velocity_change_m_s : float\n"
        "    clark2017's t1 [s] and lower-limb velocity change [m/s].\n"
        "loading_rate : bool\n    Compare loading rates (one model waveform per step).\n"
        "metric_gravity_m_s2, impact_window_fraction, impact_min_bw, landmark_fraction, "
        "loading_rate_from, loading_rate_to, loading_rate_at_samples\n"
        "    The definitions the measured stances were made with (stance_metrics' attrs).\n\n"
        "Returns\n-------\ndict\n"
        "    ``rows`` (dicts: model, metric, unit and the agreement statistics) and\n"
        "    ``predictions`` (per model: ``index`` of the modelled rows, ``columns`` of\n"
        "    predictions by metric, or None, ``n_failed``, ``first_error``).\n\n"
        "Raises\n------\nValueError\n    For bad input, naming the field.");
}
