/// @file
/// `morin2005`: the sine-wave model of Morin JB, Dalleau G, Kyröläinen H, Jeannin T, Belli A
/// (2005) "A simple method for measuring stiffness during running", J Appl Biomech 21:167–180.
/// From mass, speed, leg length, contact and flight time: peak vertical force (Eq. 6), CoM
/// displacement (Eq. 7), vertical stiffness (Eq. 5), leg compression (Eq. 9, after Farley &
/// González 1996) and leg stiffness (Eq. 8); the force–time curve is a half-sine (Eq. 4).
/// Published accuracy against force plates (Morin 2005, Tables 1–2): Fmax underestimated by
/// 6.93 ± 2.52 % (treadmill) and 3.24 ± 2.08 % (overground); k_vert within 0.1–2.3 %, k_leg
/// within 2.5–6.1 %.
#pragma once

#include "strideload/detail/morin2005.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// @brief Morin 2005 over n steps into caller-owned @p out.
/// @param in masses [kg], speeds [m/s], contact and flight times [s], leg lengths [m],
///        gravity [m/s²]
/// @param out peak, mean [N], impulse [N·s], CoM displacement Δyc [m], vertical stiffness
///        [N/m], leg compression ΔL [m], leg stiffness [N/m]
/// @throws Error naming the first invalid field and its index
inline void morin2005_batch(const StepBatchInput& in, StepBatch& out) {
    const std::size_t n = in.size();
    strideload::detail::validate_gravity(in.gravity_m_s2);
    detail::keep_only(out, {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
                            &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns,
                            &StepBatch::com_displacement_m, &StepBatch::vertical_stiffness_N_per_m,
                            &StepBatch::leg_compression_m, &StepBatch::leg_stiffness_N_per_m});
    if (!strideload::detail::morin2005_kernel(
            n, in.mass_kg.data(), in.speed_m_s.data(), in.contact_time_s.data(),
            in.flight_time_s.data(), in.leg_length_m.data(), in.gravity_m_s2,
            detail::column(out.peak_vertical_force_N, n),
            detail::column(out.peak_vertical_force_bw, n),
            detail::column(out.mean_vertical_force_N, n),
            detail::column(out.vertical_impulse_Ns, n), detail::column(out.com_displacement_m, n),
            detail::column(out.vertical_stiffness_N_per_m, n),
            detail::column(out.leg_compression_m, n), detail::column(out.leg_stiffness_N_per_m, n)))
        strideload::detail::throw_first_invalid_morin(
            n, in.mass_kg.data(), in.speed_m_s.data(), in.contact_time_s.data(),
            in.flight_time_s.data(), in.leg_length_m.data());
}

/// @brief Value-returning overload of morin2005_batch.
inline StepBatch morin2005_batch(const StepBatchInput& in) {
    StepBatch out;
    morin2005_batch(in, out);
    return out;
}

/// @brief Morin 2005 for one step: Fmax = m g (π/2)(tf/tc + 1) (Eq. 6) and the stiffnesses.
/// @param athlete mass [kg], leg length [m]  @param stride speed [m/s], contact, flight [s]
/// @param gravity [m/s²], standard gravity by default
/// @throws Error when an input is out of range or leg length ≤ v·tc/2
inline StepLoad morin2005(const Athlete& athlete, const Stride& stride,
                          Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(morin2005_batch(step.view(gravity.value())), 0, "morin2005", athlete, stride,
                       gravity);
}

/// @brief The half-sine F(t) = Fmax sin(π t / tc) (Eq. 4).
/// @param athlete mass [kg], leg length [m]  @param stride speed [m/s], contact, flight [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param gravity [m/s²]
/// @return times [s] (t = k/rate < tc) and vertical force [N]
inline Waveform morin2005_waveform(const Athlete& athlete, const Stride& stride, Frequency rate,
                                   Acceleration gravity = standard_gravity()) {
    const StepLoad load = morin2005(athlete, stride, gravity);
    Waveform w;
    w.time_s = detail::sample_times(stride.contact_time.value(), rate.value());
    const double tc = stride.contact_time.value();
    w.vertical_N =
        (w.time_s.array() * (strideload::detail::pi / tc)).sin() * load.peak_vertical_force.value();
    return w;
}

}  // namespace strideload::grf
