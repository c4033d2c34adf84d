/// @file
/// `impulse_balance`: the mean vertical force of a contact from momentum balance over one step,
/// F̄ = m g (tc + tf) / tc (Cavagna GA (1975) "Force platforms as ergometers", J Appl Physiol
/// 39:174–179; Weyand PG, Sternlight DB, Bellizzi MJ, Wright S (2000) J Appl Physiol
/// 89:1991–1999, F_avg/W_b = t_step/t_c; Morin et al. 2005 Eq. A10). Over a steady step the
/// contact's vertical impulse equals body weight × step time. The model says nothing about
/// shape: its waveform is a square pulse, so its peak equals its mean — a lower bound on the
/// real peak (real running: peak ≈ 1.8 × mean).
#pragma once

#include "strideload/detail/impulse_balance.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// @brief Impulse balance over n steps into caller-owned @p out (speed and leg length unused;
/// their spans may be empty). Columns: peak, mean, impulse.
/// @param in masses [kg], contact and flight times [s], gravity [m/s²]
/// @param out results: peak = mean = m g (tc+tf)/tc [N], impulse = m g (tc+tf) [N·s]
/// @throws Error naming the first invalid field and its index
inline void impulse_balance_batch(const StepBatchInput& in, StepBatch& out) {
    const std::size_t n = in.size(false);
    strideload::detail::validate_gravity(in.gravity_m_s2);
    detail::keep_only(out, {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
                            &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns});
    if (!strideload::detail::impulse_balance_kernel(n, in.mass_kg.data(), in.contact_time_s.data(),
                                                    in.flight_time_s.data(), in.gravity_m_s2,
                                                    detail::column(out.peak_vertical_force_N, n),
                                                    detail::column(out.peak_vertical_force_bw, n),
                                                    detail::column(out.mean_vertical_force_N, n),
                                                    detail::column(out.vertical_impulse_Ns, n)))
        strideload::detail::throw_first_invalid_step(n, in.mass_kg.data(), nullptr,
                                                     in.contact_time_s.data(),
                                                     in.flight_time_s.data(), nullptr);
}

/// @brief Value-returning overload of impulse_balance_batch.
inline StepBatch impulse_balance_batch(const StepBatchInput& in) {
    StepBatch out;
    impulse_balance_batch(in, out);
    return out;
}

/// @brief Impulse balance for one step: mean contact force F̄ = m g (tc + tf) / tc.
/// @param athlete mass [kg]  @param stride contact and flight time [s]
/// @param gravity [m/s²], standard gravity by default
/// @return peak = mean [N], impulse = m g (tc+tf) [N·s]
inline StepLoad impulse_balance(const Athlete& athlete, const Stride& stride,
                                Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(impulse_balance_batch(step.view(gravity.value())), 0, "impulse_balance",
                       athlete, stride, gravity);
}

/// @brief The impulse-balance waveform: a square pulse of height F̄ over the contact.
/// @param athlete mass [kg]  @param stride contact and flight time [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param gravity [m/s²]
/// @return times [s] (t = k/rate < tc) and vertical force [N]
inline Waveform impulse_balance_waveform(const Athlete& athlete, const Stride& stride,
                                         Frequency rate,
                                         Acceleration gravity = standard_gravity()) {
    const StepLoad load = impulse_balance(athlete, stride, gravity);
    Waveform w;
    w.time_s = detail::sample_times(stride.contact_time.value(), rate.value());
    w.vertical_N = Eigen::VectorXd::Constant(w.time_s.size(), load.mean_vertical_force.value());
    return w;
}

}  // namespace strideload::grf
