/// @file
/// `spring_mass`: the planar spring-mass (SLIP) model of running (Blickhan R (1989) "The
/// spring-mass model for running and hopping", J Biomech 22:1217–1227; McMahon TA, Cheng GC
/// (1990) "The mechanics of running: how does stiffness couple with speed?", J Biomech
/// 23(Suppl 1):65–78). A point mass bounces on a massless linear leg spring; we solve (Boost.Odeint
/// integration, Newton on two unknowns) for the leg stiffness and touchdown angle that give the
/// requested contact time with a symmetric stance (take-off vertical velocity = −touchdown =
/// g tf / 2), and return the vertical and horizontal GRF over the contact. Typical human leg
/// Speed convention: `speed` is the horizontal velocity at touchdown (= take-off and flight
/// velocity of the symmetric stance), not the step-average speed the other models take; the
/// average is slightly lower because the body decelerates in the first half of stance. This is
/// the convention that reproduces an independent scipy solution (k_leg 9623.8 N/m for m 70 kg,
/// v 5 m/s, tc 0.20 s, tf 0.12 s, L0 0.95 m).
/// stiffness is 10.4 ± 2.3 kN/m (treadmill) to 13.3 ± 1.9 kN/m (elite) (Morin et al. 2005).
#pragma once

#include <stdexcept>

#include "strideload/detail/spring_mass.hpp"
#include "strideload/grf/step_load.hpp"

namespace strideload::grf {

namespace detail {
/// Validates every step of a spring-mass batch (shared domain, leg sweep, flight ≥ 0).
inline void validate_spring_mass(const StepBatchInput& in, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const long idx = n == 1 ? -1L : static_cast<long>(i);
        strideload::detail::validate_step(idx, &in.mass_kg[i], &in.speed_m_s[i],
                                          &in.contact_time_s[i], &in.flight_time_s[i],
                                          &in.leg_length_m[i]);
        strideload::detail::validate_leg_sweep(idx, in.speed_m_s[i], in.contact_time_s[i],
                                               in.leg_length_m[i]);
    }
}

/// Runs @p solve and turns the solver's own failures (std::domain_error: no stance found;
/// std::invalid_argument: inputs it refuses) into Error naming the contact time, the input it
/// cannot match. strideload::Error passes unchanged, and so does anything else (bad_alloc).
template <class Solve>
void with_solver_errors_as_error(Solve&& solve) {
    auto rethrow = [](const std::exception& e) {
        throw Error("contact_time_s", std::string("no spring-mass stance matches: ") + e.what());
    };
    try {
        solve();
    } catch (const Error&) {
        throw;
    } catch (const std::domain_error& e) {
        rethrow(e);
    } catch (const std::invalid_argument& e) {
        rethrow(e);
    }
}
}  // namespace detail

/// @brief Spring-mass model over n steps into caller-owned @p out (each step solves a
/// boundary-value problem; the solver warm-starts from the previous step).
/// @param in masses [kg], speeds [m/s], contact and flight times [s], leg lengths [m],
///        gravity [m/s²]
/// @param out peak and mean vertical force [N], impulse [N·s], leg and vertical stiffness
///        [N/m], CoM displacement and leg compression [m], peak braking and propulsive force
///        [N], braking impulse [N·s], touchdown angle from vertical [rad]
/// @throws Error on invalid input or when no stance matches
inline void spring_mass_batch(const StepBatchInput& in, StepBatch& out) {
    const std::size_t n = in.size();
    strideload::detail::validate_gravity(in.gravity_m_s2);
    detail::validate_spring_mass(in, n);
    detail::keep_only(out,
                      {&StepBatch::peak_vertical_force_N, &StepBatch::peak_vertical_force_bw,
                       &StepBatch::mean_vertical_force_N, &StepBatch::vertical_impulse_Ns,
                       &StepBatch::leg_stiffness_N_per_m, &StepBatch::vertical_stiffness_N_per_m,
                       &StepBatch::touchdown_angle_rad, &StepBatch::com_displacement_m,
                       &StepBatch::leg_compression_m, &StepBatch::peak_braking_force_N,
                       &StepBatch::peak_propulsive_force_N, &StepBatch::horizontal_impulse_Ns});
    detail::with_solver_errors_as_error([&] {
        strideload::detail::spring_mass_batch(
            n, in.mass_kg.data(), in.speed_m_s.data(), in.contact_time_s.data(),
            in.flight_time_s.data(), in.leg_length_m.data(), in.gravity_m_s2,
            detail::column(out.peak_vertical_force_N, n),
            detail::column(out.mean_vertical_force_N, n),
            detail::column(out.vertical_impulse_Ns, n),
            detail::column(out.leg_stiffness_N_per_m, n),
            detail::column(out.vertical_stiffness_N_per_m, n),
            detail::column(out.touchdown_angle_rad, n), detail::column(out.com_displacement_m, n),
            detail::column(out.leg_compression_m, n), detail::column(out.peak_braking_force_N, n),
            detail::column(out.peak_propulsive_force_N, n),
            detail::column(out.horizontal_impulse_Ns, n));
        detail::fill_peak_bw(out, in);
    });
}

/// @brief Value-returning overload of spring_mass_batch.
inline StepBatch spring_mass_batch(const StepBatchInput& in) {
    StepBatch out;
    spring_mass_batch(in, out);
    return out;
}

/// @brief Spring-mass model for one step. @param athlete mass [kg], leg length (rest length
/// L0) [m]  @param stride speed [m/s], contact and flight time [s]  @param gravity [m/s²]
inline StepLoad spring_mass(const Athlete& athlete, const Stride& stride,
                            Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep step(athlete, stride);
    return detail::row(spring_mass_batch(step.view(gravity.value())), 0, "spring_mass", athlete,
                       stride, gravity);
}

/// @brief Vertical and horizontal (+ propulsive) GRF of the solved stance.
/// @param athlete mass [kg], leg length [m]  @param stride speed [m/s], contact and flight [s]
/// @param rate sample rate [Hz], 10 Hz – 1 MHz  @param gravity [m/s²]
/// @return times [s] (t = k/rate < tc), vertical and horizontal GRF [N]
/// @throws Error on invalid input or when no stance matches
inline Waveform spring_mass_waveform(const Athlete& athlete, const Stride& stride, Frequency rate,
                                     Acceleration gravity = standard_gravity()) {
    detail::validate_scalar(athlete, stride, gravity);
    const detail::ScalarStep s(athlete, stride);
    Waveform w;
    w.time_s = detail::sample_times(s.contact_time_s, rate.value());
    detail::with_solver_errors_as_error([&] {
        detail::validate_spring_mass(s.view(gravity.value()), 1);
        const auto sol =
            strideload::detail::spring_mass_solve(s.mass_kg, s.speed_m_s, s.contact_time_s,
                                                  s.flight_time_s, s.leg_length_m, gravity.value());
        strideload::detail::spring_mass_waveform(sol, s.mass_kg, s.speed_m_s, s.contact_time_s,
                                                 s.flight_time_s, s.leg_length_m, gravity.value(),
                                                 rate.value(), w.vertical_N, w.horizontal_N);
    });
    return w;
}

}  // namespace strideload::grf
