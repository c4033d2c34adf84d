/// @file
/// `burns_hgrf`: horizontal (anterior-posterior) GRF from temporal measures, after Burns GT
/// et al., open code geoffreyburns/Contact-Velocity-Estimation-in-Running (`Fh_est.m`, 2019).
/// The vertical side is Morin et al. 2005 (J Appl Biomech 21:167, Eqs 6–7); the mean
/// horizontal speed in contact v_c is solved from the authors' energy relation (root in
/// [0.8 v, v], Boost.Math TOMS 748), the horizontal force is a sine of amplitude
/// F_h = (2π/tc)(v_f − v_c) m, braking then propulsive, with impulse F_h tc / π each, and the
/// authors' empirical speed correction gives F_h,adj. The method's peer-reviewed validation
/// was not available to us: treat its error as unknown until benchmarked.
#pragma once

#include "strideload/detail/burns_hgrf.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

/// @brief Burns hGRF over n steps into caller-owned @p out (flight time must be > 0).
/// @param in masses [kg], speeds [m/s], contact and flight times [s], leg lengths [m],
///        gravity [m/s²]
/// @param out vertical peak/mean [N] and impulse [N·s] (Morin 2005), peak braking and
///        propulsive force F_h [N], horizontal impulse [N·s], speed-corrected F_h,adj [N],
///        contact speed v_c [m/s]
/// @throws Error naming the first invalid field and step, also when flight time is 0 or the
///         contact-speed equation has no root in [0.8 v, v]
inline void burns_hgrf_batch(const StepBatchInput& in, StepBatch& out) {
    const std::size_t n = in.size();
    strideload::detail::validate_gravity(in.gravity_m_s2);
    detail::keep_only(
        out, {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
              &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns,
              &StepBatch::peak_braking_force_N, &StepBatch::peak_propulsive_force_N,
              &StepBatch::horizontal_impulse_Ns, &StepBatch::peak_horizontal_force_corrected_N,
              &StepBatch::contact_speed_m_s});
    strideload::detail::burns_hgrf_kernel(
        n, in.mass_kg.data(), in.speed_m_s.data(), in.contact_time_s.data(),
        in.flight_time_s.data(), in.leg_length_m.data(), in.gravity_m_s2,
        detail::column(out.peak_vertical_force_N, n), detail::column(out.mean_vertical_force_N, n),
        detail::column(out.vertical_impulse_Ns, n), detail::column(out.peak_braking_force_N, n),
        detail::column(out.peak_propulsive_force_N, n),
        detail::column(out.horizontal_impulse_Ns, n),
        detail::column(out.peak_horizontal_force_corrected_N, n),
        detail::column(out.contact_speed_m_s, n));
    detail::fill_peak_bw(out, in);
}

/// @brief Value-returning overload of burns_hgrf_batch.
inline StepBatch burns_hgrf_batch(const StepBatchInput& in) {
    StepBatch out;
    burns_hgrf_batch(in, out);
    return out;
}

/// @brief Burns hGRF for one step. @param athlete mass [kg], leg length [m]
/// @param stride speed [m/s], contact and flight time [s] (flight > 0)  @param gravity [m/s²]
inline StepLoad burns_hgrf(const Athlete& athlete, const Stride& stride,
                           Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(burns_hgrf_batch(step.view(gravity.value())), 0, "burns_hgrf", athlete,
                       stride, gravity);
}

/// @brief Vertical half-sine (Morin Eq. 4) and horizontal −F_h sin(2π t / tc) (braking first).
/// @param athlete mass [kg], leg length [m]  @param stride speed [m/s], contact, flight [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param gravity [m/s²]
/// @return times [s] (t = k/rate < tc), vertical and horizontal GRF [N]
inline Waveform burns_hgrf_waveform(const Athlete& athlete, const Stride& stride, Frequency rate,
                                    Acceleration gravity = standard_gravity()) {
    const StepLoad load = burns_hgrf(athlete, stride, gravity);
    Waveform w;
    w.time_s = detail::sample_times(stride.contact_time.value(), rate.value());
    const double tc = stride.contact_time.value();
    const Eigen::ArrayXd phase = w.time_s.array() * (strideload::detail::pi / tc);
    w.vertical_N = phase.sin() * load.peak_vertical_force.value();
    w.horizontal_N = -(2.0 * phase).sin() * load.peak_braking_force->value();
    return w;
}

}  // namespace strideload::grf
