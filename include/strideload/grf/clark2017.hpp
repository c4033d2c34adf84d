/// @file
/// `clark2017`: the two-mass model of Clark KP, Ryan LJ, Weyand PG (2017) "A general
/// relationship links gait mechanics and running ground reaction forces", J Exp Biol
/// 220:247–258. The vertical GRF is an impact pulse of the lower limb (m1 = 0.08 m, impulse
/// J1 = m1 (Δv1 + g Δt1), Δt1 = 2 t1) plus an asymmetric raised-cosine pulse of the rest of the
/// body carrying J2 = m g (tc + ta) − J1 and peaking at 0.47 tc. Inputs beyond the step timing:
/// t1, touchdown to peak lower-limb deceleration, and Δv1, the lower limb's vertical velocity
/// change over the impact. Published accuracy: R² = 0.95 ± 0.04 over 500 waveforms, 42
/// runners, 3.0–11.1 m/s.
#pragma once

#include "strideload/detail/clark2017.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// Impact-pulse parameters of the two-mass model. The defaults (t1 = 20 ms, Δv1 = 1.0 m/s)
/// are illustrative values for a heel strike, not published means: measure them (ankle
/// accelerometer) when you can.
struct Clark2017Params {
    Time impact_time = 0.020 * si::seconds;                      ///< t1 [s], (0, tc/2)
    Speed impact_velocity_change = 1.0 * si::meters_per_second;  ///< Δv1 [m/s], [0, 10]

    /// @brief Throws Error when t1 ∉ (0, 0.5] s or Δv1 ∉ [0, 10] m/s.
    void validate() const {
        if (!(impact_time.value() > 0.0 && impact_time.value() <= 0.5))
            throw Error("impact_time_s", impact_time.value(), "in (0, 0.5] s, and < tc/2");
        if (!(impact_velocity_change.value() >= 0.0 && impact_velocity_change.value() <= 10.0))
            throw Error("impact_velocity_change_m_s", impact_velocity_change.value(),
                        "in [0, 10] m/s");
    }
};

/// @brief Clark 2017 over n steps into caller-owned @p out (speed and leg length unused).
/// @param in masses [kg], contact and aerial times [s], gravity [m/s²]
/// @param out peak (active) and mean [N], impulse [N·s], impact peak F(t1) [N], time of the
///        active peak [s]
/// @param params t1 [s] and Δv1 [m/s]
/// @throws Error naming the first invalid field (also when 2 t1 ≥ tc)
inline void clark2017_batch(const StepBatchInput& in, StepBatch& out,
                            const Clark2017Params& params = {}) {
    const std::size_t n = in.size(false);
    strideload::detail::validate_gravity(in.gravity_m_s2);
    params.validate();
    detail::keep_only(out, {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
                            &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns,
                            &StepBatch::impact_peak_force_N, &StepBatch::time_of_peak_s});
    const double t1 = params.impact_time.value();
    if (!strideload::detail::clark2017_kernel(
            n, in.mass_kg.data(), in.contact_time_s.data(), in.flight_time_s.data(),
            in.gravity_m_s2, t1, params.impact_velocity_change.value(),
            detail::column(out.peak_vertical_force_N, n),
            detail::column(out.peak_vertical_force_bw, n),
            detail::column(out.mean_vertical_force_N, n),
            detail::column(out.vertical_impulse_Ns, n), detail::column(out.impact_peak_force_N, n),
            detail::column(out.time_of_peak_s, n)))
        strideload::detail::throw_first_invalid_clark(
            n, in.mass_kg.data(), in.contact_time_s.data(), in.flight_time_s.data(),
            in.gravity_m_s2, t1, params.impact_velocity_change.value());
}

/// @brief Value-returning overload of clark2017_batch.
inline StepBatch clark2017_batch(const StepBatchInput& in, const Clark2017Params& params = {}) {
    StepBatch out;
    clark2017_batch(in, out, params);
    return out;
}

/// @brief Clark 2017 for one step. @param athlete mass [kg]
/// @param stride contact and aerial (flight) time [s]  @param params t1 [s], Δv1 [m/s]
/// @param gravity [m/s²]  @return active peak, impact peak, mean [N], impulse [N·s]
inline StepLoad clark2017(const Athlete& athlete, const Stride& stride,
                          const Clark2017Params& params = {},
                          Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(clark2017_batch(step.view(gravity.value()), params), 0, "clark2017", athlete,
                       stride, gravity);
}

/// @brief F1(t) + F2(t) over the contact.
/// @param athlete mass [kg]  @param stride contact and aerial time [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param params t1 [s], Δv1 [m/s]
/// @param gravity [m/s²]  @return times [s] (t = k/rate < tc) and vertical force [N]
inline Waveform clark2017_waveform(const Athlete& athlete, const Stride& stride, Frequency rate,
                                   const Clark2017Params& params = {},
                                   Acceleration gravity = standard_gravity()) {
    clark2017(athlete, stride, params, gravity);  // validates
    const auto pulses = strideload::detail::clark2017_pulses(
        athlete.mass.value(), stride.contact_time.value(), stride.flight_time.value(),
        params.impact_time.value(), params.impact_velocity_change.value(), gravity.value());
    Waveform w;
    w.time_s = detail::sample_times(stride.contact_time.value(), rate.value());
    w.vertical_N = w.time_s.unaryExpr(
        [&](double t) { return strideload::detail::clark2017_force(pulses, t); });
    return w;
}

}  // namespace strideload::grf
