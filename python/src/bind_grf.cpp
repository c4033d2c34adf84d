// Bindings of the per-step GRF models. Python sees SI floats with the unit in the argument
// name; batches read numpy float64 arrays in place (Eigen::Ref) and return numpy arrays that
// own the C++ result columns (moved, not copied).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <span>
#include <strideload/strideload.hpp>
#include <string>
#include <type_traits>
#include <vector>

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

// A StepLoad with every optional field engaged, so that for_each_field visits every key: the
// StepLoad property names come from for_each_field alone.
grf::StepLoad every_field_present() {
    grf::StepLoad l;
    auto engage = [](auto& field) {
        using Q = typename std::remove_cvref_t<decltype(field)>::value_type;
        field = Q::from_value(0.0);
    };
    engage(l.vertical_stiffness);
    engage(l.leg_stiffness);
    engage(l.com_displacement);
    engage(l.leg_compression);
    engage(l.impact_peak_force);
    engage(l.time_of_peak);
    engage(l.peak_braking_force);
    engage(l.peak_propulsive_force);
    engage(l.horizontal_impulse);
    engage(l.peak_horizontal_force_corrected);
    engage(l.contact_speed);
    engage(l.touchdown_angle);
    return l;
}

// The result columns @p model gives, keyed as for_each_column: StepBatch leaves a column empty
// when the model does not give it, so one valid stand-in step (inside every model's domain)
// tells which are filled. Grade only rescales columns that are present, so it adds none.
std::vector<std::string> model_columns(grf::Model model) {
    const double mass_kg = 70.0, speed_m_s = 5.0, contact_time_s = 0.2, flight_time_s = 0.12,
                 leg_length_m = 0.95;
    const grf::StepBatchInput in{{&mass_kg, 1},        {&speed_m_s, 1},
                                 {&contact_time_s, 1}, {&flight_time_s, 1},
                                 {&leg_length_m, 1},   sl::standard_gravity_m_s2};
    grf::StepBatch out;
    grf::step_load_batch(model, in, out);
    std::vector<std::string> keys;
    grf::for_each_column(
        out, [&keys](const char* key, const Eigen::VectorXd&) { keys.emplace_back(key); });
    return keys;
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
    // Allowed ranges, inclusive, for the checks Python makes itself on whole arrays.
    m.attr("HEIGHT_RANGE_M") = py::make_tuple(sl::detail::min_height_m, sl::detail::max_height_m);
    m.attr("CADENCE_RANGE_SPM") = py::make_tuple(sl::min_cadence_spm, sl::max_cadence_spm);

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
    std::vector<std::string> keys;
    grf::for_each_field(every_field_present(),
                        [&keys](const char* key, double) { keys.emplace_back(key); });
    auto property = py::module_::import("builtins").attr("property");
    for (const std::string& k : keys) {
        py::cpp_function get_field([k](const grf::StepLoad& l) -> py::object {
            py::object out = py::none();
            grf::for_each_field(l, [&](const char* name, double v) {
                if (k == name) out = py::float_(v);
            });
            return out;
        });
        py::setattr(cls, k.c_str(), property(get_field));
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
        "The per-step models (internal; strideload.models() is the public form).\n\n"
        "Returns\n-------\nlist of dict\n"
        "    ``name``, ``citation``, ``summary``, ``uses_speed_and_leg`` (needs speed and leg\n"
        "    length) and ``horizontal`` (gives braking/propulsive forces), in the CLI's order.");

    m.def(
        "model_columns",
        [](const std::string& model) { return model_columns(grf::model_from_name(model)); },
        py::arg("model"),
        "The result columns a model gives (internal).\n\n"
        "Parameters\n----------\nmodel : str\n    Model name.\n\n"
        "Returns\n-------\nlist of str\n"
        "    The keys of step_load_batch's dict for this model, in order (for any grade).");

    m.def(
        "leg_length_from_height",
        [](double height_m) {
            return sl::Athlete::from_height(sl::kilograms(70.0), sl::meters(height_m))
                .leg_length.value();
        },
        py::arg("height_m"),
        "Leg length from standing height (internal), 0.53 x height (Winter 1979).\n\n"
        "Parameters\n----------\nheight_m : float\n    Standing height [m], in HEIGHT_RANGE_M.\n\n"
        "Returns\n-------\nfloat\n    Leg length [m].");

    m.def(
        "stride_from_cadence",
        [](double cadence_spm, double contact_time_ms) {
            const sl::Time contact = sl::milliseconds(contact_time_ms);
            const sl::Time flight =
                sl::Stride::flight_time_from_cadence(sl::steps_per_minute(cadence_spm), contact);
            return py::make_tuple(contact.value(), flight.value());
        },
        py::arg("cadence_spm"), py::arg("contact_time_ms"),
        "Contact and flight time from what watches record (internal); step time = 60/cadence.\n\n"
        "Parameters\n----------\n"
        "cadence_spm : float\n    Steps per minute (both feet), in CADENCE_RANGE_SPM.\n"
        "contact_time_ms : float\n    Ground contact time [ms], shorter than the step time.\n\n"
        "Returns\n-------\ntuple of float\n    (contact_time_s, flight_time_s) [s].");

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
        py::arg("impact_velocity_change_m_s"),
        "One step's loads (internal; strideload.step_load is the public form).\n\n"
        "Parameters\n----------\nmodel : str\n    Model name.\n"
        "mass_kg : float\n    Body mass [kg].\n"
        "speed_m_s : float or None\n    Running speed [m/s]; None for models that do not use "
        "it.\n"
        "contact_time_s, flight_time_s : float\n    Contact and flight time of the step [s].\n"
        "leg_length_m : float or None\n    Standing leg length [m]; None for models that do not "
        "use it.\n"
        "grade : float\n    Rise over run.\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2].\n"
        "bodyweight_multiple : float\n    constant_multiple's k [BW].\n"
        "impact_time_s, impact_velocity_change_m_s : float\n"
        "    clark2017's t1 [s] and lower-limb velocity change [m/s].\n\n"
        "Returns\n-------\nStepLoad\n\n"
        "Raises\n------\nValueError\n    Naming the field and its allowed range.");

    m.def(
        "step_load_batch",
        // Eigen::Ref inside std::optional is safe only because of .noconvert() below: pybind11
        // 2.10's optional caster loads into a local inner caster and destroys it before the
        // call, and with conversion allowed that caster would own the converted temporary the
        // Ref points into, which would dangle while the kernel runs with the GIL released.
        // noconvert accepts only arrays the Ref can map directly (float64, contiguous), whose
        // memory the caller's argument keeps alive, and so also guarantees zero copies.
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
            if (mass_kg.size() == 0) {
                // Every column is empty for no steps, so for_each_column would name none; an
                // empty batch still has the model's columns.
                for (const std::string& key : model_columns(mdl))
                    d[key.c_str()] = py::array_t<double>(0);
                return d;
            }
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
        "n steps' loads (internal; strideload.step_load_batch is the public form).\n\n"
        "Arrays must be 1-D float64 and contiguous, all of length n: they are read in place,\n"
        "never copied or converted (anything else is a TypeError).\n\n"
        "Parameters\n----------\nmodel : str\n    Model name.\n"
        "mass_kg : numpy.ndarray\n    Body mass [kg].\n"
        "speed_m_s : numpy.ndarray or None\n    Running speed [m/s]; None for models that do not "
        "use it.\n"
        "contact_time_s, flight_time_s : numpy.ndarray\n    Contact and flight times [s].\n"
        "leg_length_m : numpy.ndarray or None\n    Standing leg length [m]; None for models "
        "that do not use it.\n"
        "grade : numpy.ndarray or None\n    Rise over run per step; None for level ground.\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2].\n"
        "bodyweight_multiple : float\n    constant_multiple's k [BW].\n"
        "impact_time_s, impact_velocity_change_m_s : float\n"
        "    clark2017's t1 [s] and lower-limb velocity change [m/s].\n\n"
        "Returns\n-------\ndict of str -> numpy.ndarray\n"
        "    One length-n array per column the model gives (see model_columns), owning the C++\n"
        "    result (moved, not copied).\n\n"
        "Raises\n------\nValueError\n    Naming the first invalid field and its index.");

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
        "A model's force-time waveform over one contact on level ground (internal;\n"
        "strideload.waveform is the public form).\n\n"
        "Parameters\n----------\nmodel : str\n    Model name.\n"
        "mass_kg : float\n    Body mass [kg].\n"
        "speed_m_s : float or None\n    Running speed [m/s]; None for models that do not use "
        "it.\n"
        "contact_time_s, flight_time_s : float\n    Contact and flight time of the step [s].\n"
        "leg_length_m : float or None\n    Standing leg length [m]; None for models that do not "
        "use it.\n"
        "rate_hz : float\n    Sample rate [Hz], 10 Hz - 1 MHz.\n"
        "gravity_m_s2 : float\n    Gravity [m/s^2].\n"
        "bodyweight_multiple : float\n    constant_multiple's k [BW].\n"
        "impact_time_s, impact_velocity_change_m_s : float\n"
        "    clark2017's t1 [s] and lower-limb velocity change [m/s].\n\n"
        "Returns\n-------\ndict\n"
        "    ``time_s`` [s], ``vertical_N`` [N] and ``horizontal_N`` [N] (+ propulsive) or None.");
}
