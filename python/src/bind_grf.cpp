// Bindings of the per-step GRF models. Python sees SI floats with the unit in the argument
// name; batches read numpy float64 arrays in place (Eigen::Ref) and return numpy arrays that
// own the C++ result columns (moved, not copied).
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <span>
#include <strideload/strideload.hpp>
#include <string>

namespace py = pybind11;
namespace sl = strideload;
namespace grf = strideload::grf;

namespace {

using ConstVec = Eigen::Ref<const Eigen::VectorXd>;

std::span<const double> view(const std::optional<ConstVec>& v) {
    if (!v) return {};
    return {v->data(), static_cast<std::size_t>(v->size())};
}

grf::ModelOptions options(double gravity_m_s2, double bodyweight_multiple, double impact_time_s,
                          double impact_velocity_change_m_s) {
    grf::ModelOptions o;
    o.gravity = sl::meters_per_second_squared(gravity_m_s2);
    o.bodyweight_multiple = bodyweight_multiple;
    o.clark.impact_time = sl::seconds(impact_time_s);
    o.clark.impact_velocity_change = sl::meters_per_second(impact_velocity_change_m_s);
    return o;
}

// Models that use neither speed nor leg length still take an Athlete and a Stride; these
// stand-ins are never read by them.
constexpr double unused_speed_m_s = 1.0, unused_leg_length_m = 0.9;

struct ScalarArgs {
    grf::Model model;
    sl::Athlete athlete;
    sl::Stride stride;
};

ScalarArgs scalar_args(const std::string& model, double mass_kg, std::optional<double> speed_m_s,
                       double contact_time_s, double flight_time_s,
                       std::optional<double> leg_length_m, double grade) {
    const grf::Model m = grf::model_from_name(model);
    const bool needs = grf::model_info(m).uses_speed_and_leg;
    if (needs && !speed_m_s) throw sl::Error("speed_m_s", "required by model " + model);
    if (needs && !leg_length_m)
        throw sl::Error("leg_length_m", "required by model " + model + " (or give height_m)");
    const auto athlete = sl::Athlete::from_leg_length(
        sl::kilograms(mass_kg), sl::meters(leg_length_m.value_or(unused_leg_length_m)));
    const auto stride =
        sl::Stride::make(sl::meters_per_second(speed_m_s.value_or(unused_speed_m_s)),
                         sl::seconds(contact_time_s), sl::seconds(flight_time_s), grade);
    return {m, athlete, stride};
}

py::dict to_dict(const grf::StepLoad& load) {
    py::dict d;
    d["model"] = std::string(load.model);
    grf::for_each_field(load, [&d](const char* key, double v) { d[key] = v; });
    return d;
}

}  // namespace

void bind_grf(py::module_& m) {
    m.attr("STANDARD_GRAVITY") = sl::standard_gravity_m_s2;
    m.attr("LEG_LENGTH_PER_HEIGHT") = sl::leg_length_per_height;

    py::class_<grf::StepLoad>(m, "StepLoad",
                              "Loads of one step (one foot contact), SI floats; fields a model "
                              "does not give are None.")
        .def_property_readonly("model", [](const grf::StepLoad& l) { return std::string(l.model); })
        .def("to_dict", &to_dict, "All present fields as a dict keyed like the CLI's JSON.")
        .def("__repr__", [](const grf::StepLoad& l) {
            return "<StepLoad " + std::string(l.model) + ": peak " +
                   std::to_string(l.peak_vertical_force.value()) + " N (" +
                   std::to_string(l.peak_vertical_force_bw) + " BW)>";
        });
    // One read-only float (or None) property per field, named as in to_dict().
    auto cls = py::reinterpret_borrow<py::object>(m.attr("StepLoad"));
    const char* keys[] = {"peak_vertical_force_N",
                          "peak_vertical_force_bw",
                          "mean_vertical_force_N",
                          "vertical_impulse_Ns",
                          "contact_time_s",
                          "flight_time_s",
                          "step_time_s",
                          "leg_stiffness_N_per_m",
                          "vertical_stiffness_N_per_m",
                          "com_displacement_m",
                          "leg_compression_m",
                          "impact_peak_force_N",
                          "time_of_peak_s",
                          "peak_braking_force_N",
                          "peak_propulsive_force_N",
                          "horizontal_impulse_Ns",
                          "peak_horizontal_force_corrected_N",
                          "contact_speed_m_s",
                          "touchdown_angle_rad"};
    auto property = py::module_::import("builtins").attr("property");
    for (const char* key : keys) {
        const std::string k = key;
        py::cpp_function get_field([k](const grf::StepLoad& l) -> py::object {
            py::object out = py::none();
            grf::for_each_field(l, [&](const char* name, double v) {
                if (k == name) out = py::float_(v);
            });
            return out;
        });
        py::setattr(cls, key, property(get_field));
    }

    m.def(
        "models",
        [] {
            py::list out;
            for (const auto& info : grf::models()) {
                py::dict d;
                d["name"] = std::string(info.name);
                d["citation"] = std::string(info.citation);
                d["summary"] = std::string(info.summary);
                d["uses_speed_and_leg"] = info.uses_speed_and_leg;
                d["horizontal"] = info.horizontal;
                out.append(d);
            }
            return out;
        },
        "The per-step models: list of dicts (name, citation, summary, uses_speed_and_leg, "
        "horizontal).");

    m.def(
        "leg_length_from_height",
        [](double height_m) {
            return sl::Athlete::from_height(sl::kilograms(70.0), sl::meters(height_m))
                .leg_length.value();
        },
        py::arg("height_m"), "Leg length [m] = 0.53 x standing height [m] (Winter 1979).");

    m.def(
        "stride_from_cadence",
        [](double speed_m_s, double cadence_spm, double contact_time_ms) {
            const auto s = sl::Stride::from_cadence(sl::meters_per_second(speed_m_s),
                                                    sl::steps_per_minute(cadence_spm),
                                                    sl::milliseconds(contact_time_ms));
            return py::make_tuple(s.contact_time.value(), s.flight_time.value());
        },
        py::arg("speed_m_s"), py::arg("cadence_spm"), py::arg("contact_time_ms"),
        "(contact_time_s, flight_time_s) from cadence [steps/min] and contact [ms].");

    m.def(
        "step_load",
        [](const std::string& model, double mass_kg, std::optional<double> speed_m_s,
           double contact_time_s, double flight_time_s, std::optional<double> leg_length_m,
           double grade, double gravity_m_s2, double bodyweight_multiple, double impact_time_s,
           double impact_velocity_change_m_s) {
            const auto a = scalar_args(model, mass_kg, speed_m_s, contact_time_s, flight_time_s,
                                       leg_length_m, grade);
            return grf::step_load(a.model, a.athlete, a.stride,
                                  options(gravity_m_s2, bodyweight_multiple, impact_time_s,
                                          impact_velocity_change_m_s));
        },
        py::arg("model"), py::arg("mass_kg"), py::arg("speed_m_s"), py::arg("contact_time_s"),
        py::arg("flight_time_s"), py::arg("leg_length_m"), py::arg("grade"),
        py::arg("gravity_m_s2"), py::arg("bodyweight_multiple"), py::arg("impact_time_s"),
        py::arg("impact_velocity_change_m_s"), "One step's loads (see strideload.step_load).");

    m.def(
        "step_load_batch",
        [](const std::string& model, ConstVec mass_kg, std::optional<ConstVec> speed_m_s,
           ConstVec contact_time_s, ConstVec flight_time_s, std::optional<ConstVec> leg_length_m,
           std::optional<ConstVec> grade, double gravity_m_s2, double bodyweight_multiple,
           double impact_time_s, double impact_velocity_change_m_s) {
            const grf::Model mdl = grf::model_from_name(model);
            if (grf::model_info(mdl).uses_speed_and_leg && (!speed_m_s || !leg_length_m))
                throw sl::Error(!speed_m_s ? "speed_m_s" : "leg_length_m",
                                "required by model " + model);
            const grf::StepBatchInput in{
                {mass_kg.data(), static_cast<std::size_t>(mass_kg.size())},
                view(speed_m_s),
                {contact_time_s.data(), static_cast<std::size_t>(contact_time_s.size())},
                {flight_time_s.data(), static_cast<std::size_t>(flight_time_s.size())},
                view(leg_length_m),
                gravity_m_s2};
            grf::StepBatch out;
            {
                py::gil_scoped_release release;
                grf::step_load_batch(mdl, in, out,
                                     options(gravity_m_s2, bodyweight_multiple, impact_time_s,
                                             impact_velocity_change_m_s),
                                     view(grade));
            }
            py::dict d;
            grf::for_each_column(out, [&d](const char* key, Eigen::VectorXd& col) {
                d[key] = py::cast(std::move(col), py::return_value_policy::move);
            });
            return d;
        },
        py::arg("model"), py::arg("mass_kg").noconvert(), py::arg("speed_m_s").noconvert(),
        py::arg("contact_time_s").noconvert(), py::arg("flight_time_s").noconvert(),
        py::arg("leg_length_m").noconvert(), py::arg("grade").noconvert(), py::arg("gravity_m_s2"),
        py::arg("bodyweight_multiple"), py::arg("impact_time_s"),
        py::arg("impact_velocity_change_m_s"),
        "n steps' loads from contiguous float64 arrays, read in place (no copy); returns a "
        "dict of numpy arrays.");

    m.def(
        "waveform",
        [](const std::string& model, double mass_kg, std::optional<double> speed_m_s,
           double contact_time_s, double flight_time_s, std::optional<double> leg_length_m,
           double rate_hz, double gravity_m_s2, double bodyweight_multiple, double impact_time_s,
           double impact_velocity_change_m_s) {
            const auto a = scalar_args(model, mass_kg, speed_m_s, contact_time_s, flight_time_s,
                                       leg_length_m, 0.0);
            grf::Waveform w = grf::waveform(a.model, a.athlete, a.stride, sl::hertz(rate_hz),
                                            options(gravity_m_s2, bodyweight_multiple,
                                                    impact_time_s, impact_velocity_change_m_s));
            py::dict d;
            d["time_s"] = py::cast(std::move(w.time_s), py::return_value_policy::move);
            d["vertical_N"] = py::cast(std::move(w.vertical_N), py::return_value_policy::move);
            d["horizontal_N"] =
                w.horizontal_N.size() > 0
                    ? py::object(py::cast(std::move(w.horizontal_N), py::return_value_policy::move))
                    : py::object(py::none());
            return d;
        },
        py::arg("model"), py::arg("mass_kg"), py::arg("speed_m_s"), py::arg("contact_time_s"),
        py::arg("flight_time_s"), py::arg("leg_length_m"), py::arg("rate_hz"),
        py::arg("gravity_m_s2"), py::arg("bodyweight_multiple"), py::arg("impact_time_s"),
        py::arg("impact_velocity_change_m_s"),
        "A model's force-time waveform over one contact (level ground).");
}
