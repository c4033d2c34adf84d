// Helpers shared by the measured-force bindings: 1-D float64 views of numpy arrays, and the
// waveform::MetricOptions built from Python keywords (stance_metrics, accel_stance_metrics and
// compare_models use the same definitions).
#pragma once

#include <pybind11/numpy.h>

#include <cstddef>
#include <optional>
#include <span>
#include <strideload/waveform/metrics.hpp>
#include <string>

namespace strideload::python {

/// A C-contiguous float64 numpy array, read in place when it already is one.
using Doubles = pybind11::array_t<double, pybind11::array::c_style>;

/// @brief The samples of a 1-D array; Error (ValueError) naming @p name otherwise.
/// @param what the allowed number of dimensions in words, for the message
inline std::span<const double> view(const Doubles& x, const char* name, const char* what) {
    if (x.ndim() != 1) throw Error(name, static_cast<double>(x.ndim()), what);
    return {x.data(), static_cast<std::size_t>(x.shape(0))};
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

}  // namespace strideload::python
