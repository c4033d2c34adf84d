/// @file
/// `constant_multiple`: the coaching rule of thumb "each foot strike loads the leg with three
/// times bodyweight", peak = k × m g, k = 3 by default. What the research says: the peak is per
/// foot contact (a step, not a stride), and the active peak is 2.2–2.8 BW in distance running
/// (Keller et al. (1996) Clin Biomech 11:253–259: ≈2.5 BW at 6 m/s; Munro, Miller & Fuglevand
/// (1987) J Biomech 20:147–155: 2.5–2.8 BW over 3–5 m/s; Cavanagh & Lafortune (1980) J Biomech
/// 13:397–406: ≈2.8 BW at 4.5 m/s), reaching ≈3 BW only fast (Nilsson & Thorstensson (1989)
/// Acta Physiol Scand 136:217–227) or downhill (Gottschall & Kram (2005) J Biomech 38:445–452).
/// The rule states a peak only; the mean and impulse reported are the momentum-balance values
/// m g (tc+tf)/tc and m g (tc+tf), which hold for any steady step.
#pragma once

#include "strideload/detail/impulse_balance.hpp"
#include "strideload/detail/morin2005.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// The rule of thumb's default multiple of bodyweight.
inline constexpr double default_bodyweight_multiple = 3.0;

namespace detail {
inline void validate_multiple(double k) {
    if (!(k > 0.0 && k <= 10.0)) throw Error("bodyweight_multiple", k, "in (0, 10] BW");
}
}  // namespace detail

/// @brief The rule of thumb over n steps into caller-owned @p out (speed and leg length
/// unused; their spans may be empty).
/// @param in masses [kg], contact and flight times [s], gravity [m/s²]
/// @param out peak = k m g [N], mean = m g (tc+tf)/tc [N], impulse = m g (tc+tf) [N·s]
/// @param bodyweight_multiple k [BW], (0, 10]
inline void constant_multiple_batch(const StepBatchInput& in, StepBatch& out,
                                    double bodyweight_multiple = default_bodyweight_multiple) {
    const std::size_t n = in.size(false);
    strideload::detail::validate_gravity(in.gravity_m_s2);
    detail::validate_multiple(bodyweight_multiple);
    detail::keep_only(out, {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
                            &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns});
    if (!strideload::detail::constant_multiple_kernel(
            n, in.mass_kg.data(), in.contact_time_s.data(), in.flight_time_s.data(),
            in.gravity_m_s2, bodyweight_multiple, detail::column(out.peak_vertical_force_N, n),
            detail::column(out.peak_vertical_force_bw, n),
            detail::column(out.mean_vertical_force_N, n),
            detail::column(out.vertical_impulse_Ns, n)))
        strideload::detail::throw_first_invalid_step(n, in.mass_kg.data(), nullptr,
                                                     in.contact_time_s.data(),
                                                     in.flight_time_s.data(), nullptr);
}

/// @brief Value-returning overload of constant_multiple_batch.
inline StepBatch constant_multiple_batch(const StepBatchInput& in,
                                         double bodyweight_multiple = default_bodyweight_multiple) {
    StepBatch out;
    constant_multiple_batch(in, out, bodyweight_multiple);
    return out;
}

/// @brief The rule of thumb for one step: peak = k × bodyweight.
/// @param athlete mass [kg]  @param stride contact and flight time [s]
/// @param bodyweight_multiple k [BW], 3 by default  @param gravity [m/s²]
inline StepLoad constant_multiple(const Athlete& athlete, const Stride& stride,
                                  double bodyweight_multiple = default_bodyweight_multiple,
                                  Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(constant_multiple_batch(step.view(gravity.value()), bodyweight_multiple), 0,
                       "constant_multiple", athlete, stride, gravity);
}

/// @brief A half-sine of peak k·BW over the contact. Its area, (2/π) k m g tc, matches the
/// momentum-balance impulse only when k = (π/2)(tc+tf)/tc: the rule of thumb ignores timing.
/// @param athlete mass [kg]  @param stride contact and flight time [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param bodyweight_multiple k [BW]
/// @param gravity [m/s²]  @return times [s] (t = k/rate < tc) and vertical force [N]
inline Waveform constant_multiple_waveform(const Athlete& athlete, const Stride& stride,
                                           Frequency rate,
                                           double bodyweight_multiple = default_bodyweight_multiple,
                                           Acceleration gravity = standard_gravity()) {
    const StepLoad load = constant_multiple(athlete, stride, bodyweight_multiple, gravity);
    Waveform w;
    w.time_s = detail::sample_times(stride.contact_time.value(), rate.value());
    const double tc = stride.contact_time.value(), peak = load.peak_vertical_force.value();
    w.vertical_N = (w.time_s.array() * (strideload::detail::pi / tc)).sin() * peak;
    return w;
}

}  // namespace strideload::grf
