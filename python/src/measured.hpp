// Helpers shared by the bindings: 1-D float64 views of numpy arrays, vectors handed to numpy
// without a copy, the waveform::MetricOptions built from Python keywords (stance_metrics,
// accel_stance_metrics and compare_models use the same definitions), and the Athlete of mass +
// height / leg length (compare_models and session_load).
#pragma once

#include <pybind11/numpy.h>

#include <cstddef>
#include <optional>
#include <span>
#include <strideload/athlete.hpp>
#include <strideload/grf/models.hpp>
#include <strideload/waveform/metrics.hpp>
#include <string>
#include <vector>

namespace strideload::python {

/// A C-contiguous float64 numpy array, read in place when it already is one.
using Doubles = pybind11::array_t<double, pybind11::array::c_style>;

/// @brief The samples of a 1-D array; Error (ValueError) naming @p name otherwise.
/// @param what the allowed number of dimensions in words, for the message
inline std::span<const double> view(const Doubles& x, const char* name, const char* what) {
    if (x.ndim() != 1) throw Error(name, static_cast<double>(x.ndim()), what);
    return {x.data(), static_cast<std::size_t>(x.shape(0))};
}

/// @brief A 1-D numpy array that takes over @p v without copying (a capsule frees it).
inline pybind11::array_t<double> to_array(std::vector<double>&& v) {
    auto* heap = new std::vector<double>(std::move(v));
    pybind11::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
    return pybind11::array_t<double>(static_cast<pybind11::ssize_t>(heap->size()), heap->data(),
                                     owner);
}

/// @brief view() of an optional array; empty when absent.
inline std::span<const double> view(const std::optional<Doubles>& x, const char* name,
                                    const char* what) {
    return x ? view(*x, name, what) : std::span<const double>{};
}

/// @brief 'propulsive_positive' or 'braking_positive'; Error (ValueError) otherwise.
inline waveform::ApSign ap_sign_from(const std::string& name) {
    if (name == "propulsive_positive") return waveform::ApSign::propulsive_positive;
    if (name == "braking_positive") return waveform::ApSign::braking_positive;
    throw Error("ap_sign", "'" + name + "' is not one of: propulsive_positive, braking_positive");
}

/// @brief MetricOptions from the keywords of strideload.stance_metrics (SI units).
inline waveform::MetricOptions metric_options(double mass_kg, double gravity_m_s2,
                                              double impact_window_fraction, double impact_min_bw,
                                              double landmark_fraction, double loading_rate_from,
                                              double loading_rate_to, bool loading_rate_at_samples,
                                              const std::string& ap_sign) {
    waveform::MetricOptions o;
    o.mass = kilograms(mass_kg);
    o.gravity = meters_per_second_squared(gravity_m_s2);
    o.impact_window_fraction = impact_window_fraction;
    o.impact_min_bw = impact_min_bw;
    o.landmark_fraction = landmark_fraction;
    o.loading_rate_from = loading_rate_from;
    o.loading_rate_to = loading_rate_to;
    o.loading_rate_at_samples = loading_rate_at_samples;
    o.ap_sign = ap_sign_from(ap_sign);
    return o;
}

/// Leg length given to models that never read it (as in bind_grf.cpp).
inline constexpr double unused_leg_length_m = 0.9;

/// @brief The athlete from whichever of height and leg length are given (leg length = 0.53 ×
///        height when only height is); Error naming `leg_length_m` when neither is and one of
///        @p models needs it.
inline Athlete athlete_of(double mass_kg, std::optional<double> leg_length_m,
                          std::optional<double> height_m, std::span<const grf::Model> models) {
    const Mass mass = kilograms(mass_kg);
    if (height_m && leg_length_m)
        return Athlete::from_height_and_leg_length(mass, meters(*height_m), meters(*leg_length_m));
    if (height_m) return Athlete::from_height(mass, meters(*height_m));
    if (!leg_length_m) {
        for (grf::Model model : models)
            if (grf::model_info(model).uses_speed_and_leg)
                throw Error("leg_length_m", "required by model " +
                                                std::string(grf::model_info(model).name) +
                                                " (or give height_m)");
    }
    return Athlete::from_leg_length(mass, meters(leg_length_m.value_or(unused_leg_length_m)));
}

}  // namespace strideload::python
