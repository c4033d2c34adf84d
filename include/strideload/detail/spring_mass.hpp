/// @file
/// @brief Planar spring-mass (SLIP) model of one running stance, solved per step from its
/// contact and flight times.
///
/// The body is a point mass m bouncing on a massless linear leg spring of rest length L0 and
/// stiffness k_leg that pivots about a fixed foot point (Blickhan R (1989) "The spring-mass model
/// for running and hopping", J Biomech 22:1217-1227; McMahon TA, Cheng GC (1990) "The mechanics
/// of running: how does stiffness couple with speed?", J Biomech 23(Suppl 1):65-78). With the
/// foot at the origin, x forward and y up, the centre-of-mass position r = (x, y) obeys, while
/// |r| < L0,
///
///     m x'' = k_leg (L0 - |r|) x / |r|
///     m y'' = k_leg (L0 - |r|) y / |r| - m g
///
/// and the ground reaction force is the leg force F = k_leg (L0 - |r|) r / |r|, so F_x < 0
/// (braking) while the centre of mass is behind the foot. Touchdown is at |r| = L0 with the leg
/// at angle theta from vertical ahead of the centre of mass:
///
///     r(0) = (-L0 sin(theta), L0 cos(theta)),   r'(0) = (v, -g t_f / 2),
///
/// i.e. `speed_m_s` is the horizontal velocity at touchdown, which for a symmetric stance is also
/// the take-off and flight-phase horizontal velocity; the step-average speed is slightly lower
/// because the body decelerates in the first half of stance. This convention reproduces an
/// independent scipy solve_ivp + fsolve reference (see tests/grf/test_spring_mass_kernel.cpp);
/// taking v as the step-average speed does not. Stance ends when |r| returns to L0.
///
/// Given v, the contact time t_c and the flight time t_f, the two unknowns (k_leg, theta) are
/// found so that the stance is symmetric about midstance and lasts t_c. Reversibility of the
/// conservative dynamics makes a stance symmetric exactly when the centre of mass is above the
/// foot (x = 0) at its lowest point (y' = 0), so only the first half of stance is integrated
/// while solving: the residuals are x at the lowest point and that instant minus t_c / 2.
/// Newton's method runs on (ln k_leg, theta) with an exact Jacobian from the variational
/// (sensitivity) equations integrated alongside the state, starting from the sine-wave
/// estimates of Morin JB et al. (2005) J Appl Biomech 21:167-180. A symmetric stance takes off
/// with vertical velocity +g t_f / 2, so the vertical impulse equals m g (t_c + t_f); the
/// reported quantities come from a separate integration of the whole stance, which checks this.
///
/// Integration uses Boost.Odeint's Dormand-Prince 5(4) stepper with dense output at 1e-10
/// tolerance (1e-8 for Newton iterates far from the root); events (lowest point, force extrema, end
/// of stance) are located on the dense output with Boost.Math's TOMS 748 root finder rather than at
/// the nearest step.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <boost/math/tools/toms748_solve.hpp>
#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <string>

#include "strideload/detail/kernel.hpp"

namespace strideload::detail {

/// @brief Solved spring-mass stance of one step and the ground reaction force features derived
/// from it (SI units; horizontal forces are positive forward).
struct SpringMassSolution {
    double leg_stiffness_N_per_m;          ///< Leg spring stiffness k_leg.
    double touchdown_angle_rad;            ///< Leg angle from vertical at touchdown.
    double peak_vertical_force_N;          ///< Maximum vertical GRF over stance.
    double mean_vertical_force_N;          ///< Vertical impulse divided by contact time.
    double vertical_impulse_Ns;            ///< Integral of vertical GRF over stance.
    double peak_braking_force_N;           ///< Magnitude of the most negative horizontal GRF.
    double peak_propulsive_force_N;        ///< Most positive horizontal GRF.
    double horizontal_braking_impulse_Ns;  ///< Magnitude of the negative horizontal impulse.
    double com_displacement_m;             ///< Peak downward CoM displacement from touchdown.
    double leg_compression_m;              ///< Peak leg-spring compression L0 - |r|.
    double vertical_stiffness_N_per_m;     ///< Peak vertical force / CoM displacement.
};

namespace spring_mass_impl {

/// Centre-of-mass state relative to the foot: x, y, vx, vy.
using PointState = std::array<double, 4>;
/// Point state followed by its derivatives with respect to ln k_leg and theta (4 each).
using SensitivityState = std::array<double, 12>;

/// Integration tolerance (absolute and relative) for converged solves and reported quantities.
inline constexpr double tight_tolerance = 1e-10;
/// Cheaper tolerance while Newton is still far from the root, where accuracy is wasted.
inline constexpr double loose_tolerance = 1e-8;
/// Residual norm below which the loose tolerance no longer resolves Newton's progress.
inline constexpr double refine_residual = 1e-5;
/// Converged when both dimensionless residuals (x / L0 and 2 t / t_c - 1) are below this.
inline constexpr double newton_tolerance = 1e-8;
/// Integration noise can stall the line search just above newton_tolerance; accept that.
inline constexpr double noise_floor_residual = 1e-7;
inline constexpr int max_newton_iterations = 50;
inline constexpr int max_line_search_halvings = 30;
/// Newton steps are capped so a poor Jacobian far from the root cannot fling k_leg or theta.
inline constexpr double max_log_stiffness_step = 1.0;
inline constexpr double max_angle_step_rad = 0.25;
/// Cold-start multipliers on the sine-model touchdown angle and stiffness, tried in turn if
/// Newton fails. The sine model takes the stance sweep as v t_c, but the body slows during
/// stance, so for long contacts the true angle is markedly smaller than its estimate.
inline constexpr std::array<double, 4> cold_start_angle_factors = {1.0, 0.8, 0.6, 0.45};
inline constexpr std::array<double, 3> cold_start_stiffness_factors = {1.0, 0.5, 2.0};
/// The whole-stance check must reproduce t_c and the take-off velocity to this relative level.
inline constexpr double symmetry_tolerance = 1e-6;
/// A centre of mass this low (fraction of L0) means the leg has collapsed: not a running stance.
inline constexpr double min_height_fraction = 0.1;
/// A stance that has not ended after this many contact times has no physical meaning.
inline constexpr double stance_time_limit_factor = 10.0;
/// Contact and flight times above this are not running steps (and would mean huge integrations).
inline constexpr double max_phase_time_s = 2.0;
/// Root-finding resolution (fraction of a step) for event times that are reported or compared.
inline constexpr double event_time_resolution = 1e-13;
/// Resolution for extrema: the extreme value is flat in time, so a coarse time suffices.
inline constexpr double extremum_time_resolution = 1e-6;
/// Keeps the sine-model touchdown angle estimate away from a horizontal leg.
inline constexpr double max_sweep_fraction = 0.9;
/// Guards the waveform against absurd allocations from a mistyped sampling rate.
inline constexpr double max_waveform_samples = 1e8;

/// @brief Inputs of one step (SI units).
struct StepInputs {
    double mass_kg;
    double speed_m_s;
    double contact_time_s;
    double flight_time_s;
    double leg_length_m;
    double gravity_m_s2;
};

/// @brief Unknowns of the solve; Newton works on ln k so that k stays positive and well scaled.
struct LegParameters {
    double log_stiffness;
    double touchdown_angle_rad;
};

/// @brief Formats a value for error messages with enough digits to identify it.
/// @param value [any] Value to format.
/// @return Text representation.
inline std::string format_value(double value) {
    std::ostringstream text;
    text.precision(9);
    text << value;
    return text.str();
}

/// @brief Describes step inputs for error messages.
/// @param in [SI] Step inputs.
/// @return Text listing every input with its unit.
inline std::string describe(const StepInputs& in) {
    return "mass_kg=" + format_value(in.mass_kg) + ", speed_m_s=" + format_value(in.speed_m_s) +
           ", contact_time_s=" + format_value(in.contact_time_s) +
           ", flight_time_s=" + format_value(in.flight_time_s) +
           ", leg_length_m=" + format_value(in.leg_length_m) +
           ", gravity_m_s2=" + format_value(in.gravity_m_s2);
}

/// @brief Throws std::invalid_argument naming the argument when a requirement fails.
/// @param ok [-] Whether the requirement holds.
/// @param name [-] Argument name.
/// @param requirement [-] Human-readable requirement.
/// @param value [any] Offending value.
inline void require(bool ok, const char* name, const char* requirement, double value) {
    if (!ok) {
        throw std::invalid_argument(std::string("spring_mass: ") + name + " must be " +
                                    requirement + " (got " + format_value(value) + ")");
    }
}

/// @brief Validates step inputs.
/// @param in [SI] Step inputs.
/// @throws std::invalid_argument naming the first offending argument.
inline void validate(const StepInputs& in) {
    require(std::isfinite(in.mass_kg) && in.mass_kg > 0.0, "mass_kg", "finite and > 0", in.mass_kg);
    require(std::isfinite(in.speed_m_s) && in.speed_m_s > 0.0, "speed_m_s", "finite and > 0",
            in.speed_m_s);
    require(std::isfinite(in.contact_time_s) && in.contact_time_s > 0.0 &&
                in.contact_time_s <= max_phase_time_s,
            "contact_time_s", "finite, > 0 and <= 2 s", in.contact_time_s);
    require(std::isfinite(in.flight_time_s) && in.flight_time_s >= 0.0 &&
                in.flight_time_s <= max_phase_time_s,
            "flight_time_s", "finite, >= 0 and <= 2 s", in.flight_time_s);
    require(std::isfinite(in.leg_length_m) && in.leg_length_m > 0.0, "leg_length_m",
            "finite and > 0", in.leg_length_m);
    require(std::isfinite(in.gravity_m_s2) && in.gravity_m_s2 > 0.0, "gravity_m_s2",
            "finite and > 0", in.gravity_m_s2);
}

/// @brief Distance from foot to centre of mass.
/// @param q [m, m/s] State whose first two entries are x and y.
/// @return |r| [m].
template <class State>
double leg_length(const State& q) {
    return std::sqrt(q[0] * q[0] + q[1] * q[1]);
}

/// @brief Leg force per unit stiffness divided by |r|, so that F = k_leg * ratio * r.
/// @param q [m, m/s] State.
/// @param rest_length_m [m] Leg rest length L0.
/// @return (L0 - |r|) / |r| [-], positive while the spring is compressed.
template <class State>
double compression_ratio(const State& q, double rest_length_m) {
    return rest_length_m / leg_length(q) - 1.0;
}

/// @brief Time derivative of compression_ratio.
/// @param q [m, m/s] State.
/// @param rest_length_m [m] Leg rest length L0.
/// @return d/dt[(L0 - |r|) / |r|] [1/s].
template <class State>
double compression_ratio_rate(const State& q, double rest_length_m) {
    const double length_m = leg_length(q);
    return -rest_length_m * (q[0] * q[2] + q[1] * q[3]) / (length_m * length_m * length_m);
}

/// @brief Point-mass stance dynamics. Beyond L0 the spring formula is continued (tension) so the
/// right-hand side stays smooth across the take-off event that is located on the dense output.
struct PointMassDynamics {
    double stiffness_per_mass;  ///< k_leg / m [1/s^2].
    double rest_length_m;
    double gravity_m_s2;

    /// @brief Evaluates the state derivative.
    /// @param q [m, m/s] State (x, y, vx, vy).
    /// @param dq [m/s, m/s^2] Output derivative.
    void operator()(const PointState& q, PointState& dq, double /*t*/) const {
        const double accel_per_m = stiffness_per_mass * compression_ratio(q, rest_length_m);
        dq[0] = q[2];
        dq[1] = q[3];
        dq[2] = accel_per_m * q[0];
        dq[3] = accel_per_m * q[1] - gravity_m_s2;
    }
};

/// @brief Stance dynamics plus the variational equations for d/d(ln k_leg) and d/d(theta), so
/// Newton gets an exact Jacobian from one integration instead of finite differences.
struct SensitivityDynamics {
    double stiffness_per_mass;  ///< k_leg / m [1/s^2].
    double rest_length_m;
    double gravity_m_s2;

    /// @brief Evaluates the derivative of state and sensitivities.
    /// @param q [SI] State followed by its two sensitivity blocks.
    /// @param dq [SI] Output derivative.
    void operator()(const SensitivityState& q, SensitivityState& dq, double /*t*/) const {
        const double x = q[0];
        const double y = q[1];
        const double length_sq = x * x + y * y;
        const double length_m = std::sqrt(length_sq);
        const double ratio = rest_length_m / length_m - 1.0;
        const double curvature = rest_length_m / (length_sq * length_m);
        // d(acceleration)/d(position) = (k/m) (ratio I - L0 r r^T / |r|^3)
        const double jxx = stiffness_per_mass * (ratio - curvature * x * x);
        const double jxy = -stiffness_per_mass * curvature * x * y;
        const double jyy = stiffness_per_mass * (ratio - curvature * y * y);
        const double accel_per_m = stiffness_per_mass * ratio;
        dq[0] = q[2];
        dq[1] = q[3];
        dq[2] = accel_per_m * x;
        dq[3] = accel_per_m * y - gravity_m_s2;
        for (std::size_t block = 4; block < 12; block += 4) {
            const double dx = q[block];
            const double dy = q[block + 1];
            dq[block] = q[block + 2];
            dq[block + 1] = q[block + 3];
            dq[block + 2] = jxx * dx + jxy * dy;
            dq[block + 3] = jxy * dx + jyy * dy;
        }
        // k enters the acceleration directly: d(a)/d(ln k) = k d(a)/dk = (k/m) ratio r.
        dq[6] += accel_per_m * x;
        dq[7] += accel_per_m * y;
    }
};

/// @brief Creates a dense-output Dormand-Prince 5(4) stepper.
/// @param tolerance [-] Absolute and relative error tolerance.
/// @param max_step_s [s] Largest step; short against the stance so that no event signal can
/// change sign twice within one step and go unnoticed.
/// @return Dense-output stepper.
template <class State>
auto make_stepper(double tolerance, double max_step_s) {
    namespace odeint = boost::numeric::odeint;
    return odeint::make_dense_output(tolerance, tolerance, max_step_s,
                                     odeint::runge_kutta_dopri5<State>());
}

/// @brief Locates a sign change of signal(state(t)) inside the stepper's last step.
/// @param stepper [-] Dense-output stepper whose last step contains [t_lo_s, t_hi_s].
/// @param t_lo_s [s] Bracket start.
/// @param t_hi_s [s] Bracket end.
/// @param signal [-] Scalar function of the state whose sign changes in the bracket.
/// @param resolution [-] Bracket width, as a fraction of t_hi_s - t_lo_s, at which to stop.
/// @return Crossing time [s].
template <class Stepper, class Signal>
double locate_crossing(const Stepper& stepper, double t_lo_s, double t_hi_s, Signal signal,
                       double resolution) {
    typename Stepper::state_type scratch{};
    const auto value_at = [&](double t_s) {
        stepper.calc_state(t_s, scratch);
        return signal(scratch);
    };
    const double f_lo = value_at(t_lo_s);
    const double f_hi = value_at(t_hi_s);
    if (f_lo == 0.0) return t_lo_s;
    if (f_hi == 0.0) return t_hi_s;
    // Rounding can move a crossing detected on step-end states onto the other side of the edge.
    if ((f_lo < 0.0) == (f_hi < 0.0)) return std::abs(f_lo) < std::abs(f_hi) ? t_lo_s : t_hi_s;
    const double width_tolerance_s = resolution * (t_hi_s - t_lo_s);
    const auto converged = [width_tolerance_s](double a, double b) {
        return std::abs(b - a) <= width_tolerance_s;
    };
    std::uintmax_t max_iterations = 100;
    const auto bracket = boost::math::tools::toms748_solve(value_at, t_lo_s, t_hi_s, f_lo, f_hi,
                                                           converged, max_iterations);
    return 0.5 * (bracket.first + bracket.second);
}

/// @brief Sine-model starting guess (Morin et al. 2005) for the leg stiffness and touchdown angle.
/// @param in [SI] Step inputs.
/// @return Estimated (ln k_leg, theta).
inline LegParameters sine_model_estimate(const StepInputs& in) {
    const double tc = in.contact_time_s;
    const double peak_force_N =
        in.mass_kg * in.gravity_m_s2 * (std::numbers::pi / 2.0) * (in.flight_time_s / tc + 1.0);
    const double com_drop_m =
        peak_force_N * tc * tc / (in.mass_kg * std::numbers::pi * std::numbers::pi) -
        in.gravity_m_s2 * tc * tc / 8.0;
    const double half_sweep_m =
        std::min(0.5 * in.speed_m_s * tc, max_sweep_fraction * in.leg_length_m);
    const double leg_compression_m =
        in.leg_length_m -
        std::sqrt(in.leg_length_m * in.leg_length_m - half_sweep_m * half_sweep_m) + com_drop_m;
    return {std::log(peak_force_N / leg_compression_m), std::asin(half_sweep_m / in.leg_length_m)};
}

/// @brief Midstance residuals and their Jacobian with respect to (ln k_leg, theta).
struct MidstanceResidual {
    std::array<double, 2> residual;                 ///< x / L0 and 2 t / t_c - 1 at lowest point.
    std::array<std::array<double, 2>, 2> jacobian;  ///< d(residual_i) / d(parameter_j).
};

/// @brief Largest absolute residual.
/// @param r [-] Residuals.
/// @return max |residual_i| [-].
inline double residual_norm(const MidstanceResidual& r) {
    return std::max(std::abs(r.residual[0]), std::abs(r.residual[1]));
}

/// @brief Integrates the first half of stance to the lowest point and evaluates the symmetry
/// residuals with their exact Jacobian.
/// @param in [SI] Step inputs.
/// @param p [-, rad] Trial (ln k_leg, theta).
/// @param tolerance [-] Integration tolerance.
/// @param out [-] Residuals and Jacobian, valid when true is returned.
/// @return False when the trial leg leaves the ground or collapses before the lowest point.
inline bool evaluate_midstance(const StepInputs& in, const LegParameters& p, double tolerance,
                               MidstanceResidual& out) {
    const double rest_length_m = in.leg_length_m;
    const SensitivityDynamics dynamics{std::exp(p.log_stiffness) / in.mass_kg, rest_length_m,
                                       in.gravity_m_s2};
    const double sin_angle = std::sin(p.touchdown_angle_rad);
    const double cos_angle = std::cos(p.touchdown_angle_rad);
    SensitivityState touchdown{};
    touchdown[0] = -rest_length_m * sin_angle;
    touchdown[1] = rest_length_m * cos_angle;
    touchdown[2] = in.speed_m_s;
    touchdown[3] = -0.5 * in.gravity_m_s2 * in.flight_time_s;
    touchdown[8] = -rest_length_m * cos_angle;
    touchdown[9] = -rest_length_m * sin_angle;
    const double collapse_height_m = min_height_fraction * rest_length_m;
    const double time_limit_s = stance_time_limit_factor * in.contact_time_s;
    try {
        auto stepper = make_stepper<SensitivityState>(tolerance, in.contact_time_s / 8.0);
        stepper.initialize(touchdown, 0.0, in.contact_time_s / 64.0);
        while (stepper.current_time() < time_limit_s) {
            stepper.do_step(dynamics);
            const SensitivityState& q = stepper.current_state();
            if (!std::isfinite(q[0]) || !std::isfinite(q[3]) || !(q[1] > collapse_height_m)) {
                return false;
            }
            if (!(stepper.previous_state()[3] < 0.0 && q[3] >= 0.0)) {
                if (leg_length(q) >= rest_length_m) return false;
                continue;
            }
            const double mid_time_s = locate_crossing(
                stepper, stepper.previous_time(), stepper.current_time(),
                [](const SensitivityState& s) { return s[3]; }, event_time_resolution);
            SensitivityState mid{};
            stepper.calc_state(mid_time_s, mid);
            if (leg_length(mid) >= rest_length_m) return false;
            const double vertical_accel_m_s2 =
                dynamics.stiffness_per_mass * compression_ratio(mid, rest_length_m) * mid[1] -
                in.gravity_m_s2;
            if (!(vertical_accel_m_s2 > 0.0)) return false;
            out.residual = {mid[0] / rest_length_m, 2.0 * mid_time_s / in.contact_time_s - 1.0};
            for (std::size_t j = 0; j < 2; ++j) {
                const std::size_t block = 4 + 4 * j;
                // The event time moves with the parameters: vy(t*(p), p) = 0.
                const double dtime_dp = -mid[block + 3] / vertical_accel_m_s2;
                const double dx_dp = mid[block] + mid[2] * dtime_dp;
                out.jacobian[0][j] = dx_dp / rest_length_m;
                out.jacobian[1][j] = 2.0 * dtime_dp / in.contact_time_s;
            }
            return true;
        }
    } catch (const std::exception&) {
        // Odeint gives up on step-size adjustment for wild trial parameters; the line search
        // treats that like any other infeasible trial.
        return false;
    }
    return false;
}

/// @brief Damped Newton iteration on the midstance residuals.
/// @param in [SI] Step inputs.
/// @param p [-, rad] Starting guess on entry, solution on successful return.
/// @param final_residual [-] Residuals and Jacobian at the returned solution.
/// @return True when converged.
inline bool solve_leg_parameters(const StepInputs& in, LegParameters& p,
                                 MidstanceResidual& final_residual) {
    constexpr double half_pi = std::numbers::pi / 2.0;
    bool tight = false;
    bool current_is_tight = false;
    MidstanceResidual current{};
    if (!evaluate_midstance(in, p, loose_tolerance, current)) return false;
    for (int iteration = 0; iteration < max_newton_iterations; ++iteration) {
        const double norm = residual_norm(current);
        if (current_is_tight && norm < newton_tolerance) {
            final_residual = current;
            return true;
        }
        // Near the root the loose-tolerance residual still gives a good Newton step; only the
        // trial evaluations need the tight tolerance, so no evaluation is spent re-checking.
        if (norm < refine_residual) tight = true;
        const auto& jac = current.jacobian;
        const auto& res = current.residual;
        const double det = jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0];
        if (!std::isfinite(det) || det == 0.0) return false;
        const double step_log_k = (-res[0] * jac[1][1] + res[1] * jac[0][1]) / det;
        const double step_angle = (-res[1] * jac[0][0] + res[0] * jac[1][0]) / det;
        double lambda = 1.0 / std::max({1.0, std::abs(step_log_k) / max_log_stiffness_step,
                                        std::abs(step_angle) / max_angle_step_rad});
        // Halving only helps when the residuals compared are resolved by the integration: a
        // tight trial against a loose residual, or any trial below the noise floor, is not.
        const bool comparable = current_is_tight == tight && norm >= noise_floor_residual;
        bool accepted = false;
        for (int halving = 0; halving < max_line_search_halvings && !accepted; ++halving) {
            if (halving > 0 && !comparable) break;
            const LegParameters trial{p.log_stiffness + lambda * step_log_k,
                                      p.touchdown_angle_rad + lambda * step_angle};
            MidstanceResidual trial_residual{};
            if (trial.touchdown_angle_rad > 0.0 && trial.touchdown_angle_rad < half_pi &&
                evaluate_midstance(in, trial, tight ? tight_tolerance : loose_tolerance,
                                   trial_residual)) {
                const double trial_norm = residual_norm(trial_residual);
                if (trial_norm < (1.0 - 1e-4 * lambda) * norm ||
                    (tight && trial_norm < newton_tolerance)) {
                    p = trial;
                    current = trial_residual;
                    current_is_tight = tight;
                    accepted = true;
                }
            }
            lambda *= 0.5;
        }
        if (accepted) continue;
        if (!current_is_tight) {
            // The loose residual may be integration noise; judge the point at tight tolerance.
            if (!evaluate_midstance(in, p, tight_tolerance, current)) return false;
            current_is_tight = true;
            tight = true;
            continue;
        }
        final_residual = current;
        return norm < noise_floor_residual;
    }
    return false;
}

/// @brief Extremes and event values collected over one whole-stance integration.
struct StanceSummary {
    double contact_time_s = 0.0;
    PointState takeoff{};
    double vx_at_foot_passage_m_s = std::numeric_limits<double>::quiet_NaN();
    double peak_vertical_force_N = 0.0;
    double min_horizontal_force_N = 0.0;
    double max_horizontal_force_N = 0.0;
    double min_height_m = 0.0;
    double min_leg_length_m = 0.0;
};

/// @brief Touchdown state for a given touchdown angle.
/// @param in [SI] Step inputs.
/// @param touchdown_angle_rad [rad] Leg angle from vertical.
/// @return (x, y, vx, vy) at touchdown [m, m/s].
inline PointState touchdown_state(const StepInputs& in, double touchdown_angle_rad) {
    return {-in.leg_length_m * std::sin(touchdown_angle_rad),
            in.leg_length_m * std::cos(touchdown_angle_rad), in.speed_m_s,
            -0.5 * in.gravity_m_s2 * in.flight_time_s};
}

/// @brief Integrates a whole stance, handing each step (cut at take-off) to a visitor.
/// @param in [SI] Step inputs.
/// @param stiffness_N_per_m [N/m] Leg stiffness.
/// @param touchdown_angle_rad [rad] Leg angle from vertical at touchdown.
/// @param visit [-] Called as visit(stepper, t_lo_s, t_hi_s) for every step of stance.
/// @param contact_time_s [s] Simulated stance duration, set when true is returned.
/// @return False when the stance does not end (or the leg collapses) within the time limit.
template <class Visitor>
bool integrate_stance(const StepInputs& in, double stiffness_N_per_m, double touchdown_angle_rad,
                      Visitor&& visit, double& contact_time_s) {
    const double rest_length_m = in.leg_length_m;
    const PointMassDynamics dynamics{stiffness_N_per_m / in.mass_kg, rest_length_m,
                                     in.gravity_m_s2};
    const double collapse_height_m = min_height_fraction * rest_length_m;
    const double time_limit_s = stance_time_limit_factor * in.contact_time_s;
    try {
        auto stepper = make_stepper<PointState>(tight_tolerance, in.contact_time_s / 8.0);
        stepper.initialize(touchdown_state(in, touchdown_angle_rad), 0.0, in.contact_time_s / 64.0);
        while (stepper.current_time() < time_limit_s) {
            stepper.do_step(dynamics);
            const PointState& q = stepper.current_state();
            if (!std::isfinite(q[0]) || !std::isfinite(q[3]) || !(q[1] > collapse_height_m)) {
                return false;
            }
            const auto stretch = [rest_length_m](const PointState& s) {
                return leg_length(s) - rest_length_m;
            };
            const bool ended = stretch(stepper.previous_state()) < 0.0 && stretch(q) >= 0.0;
            const double t_hi_s =
                ended ? locate_crossing(stepper, stepper.previous_time(), stepper.current_time(),
                                        stretch, event_time_resolution)
                      : stepper.current_time();
            visit(stepper, stepper.previous_time(), t_hi_s);
            if (ended) {
                contact_time_s = t_hi_s;
                return true;
            }
        }
    } catch (const std::exception&) {
        // Odeint throws when step-size control fails; to the caller that is a stance that did
        // not end.
        return false;
    }
    return false;
}

/// @brief Integrates the whole stance and collects force extrema and event values.
/// @param in [SI] Step inputs.
/// @param stiffness_N_per_m [N/m] Leg stiffness.
/// @param touchdown_angle_rad [rad] Leg angle from vertical at touchdown.
/// @param summary [SI] Output, valid when true is returned.
/// @return False when the stance does not end properly.
inline bool summarize_stance(const StepInputs& in, double stiffness_N_per_m,
                             double touchdown_angle_rad, StanceSummary& summary) {
    const double rest_length_m = in.leg_length_m;
    summary = StanceSummary{};
    summary.min_height_m = touchdown_state(in, touchdown_angle_rad)[1];
    summary.min_leg_length_m = rest_length_m;

    const auto vertical_force_slope = [rest_length_m](const PointState& s) {
        return compression_ratio_rate(s, rest_length_m) * s[1] +
               compression_ratio(s, rest_length_m) * s[3];
    };
    const auto horizontal_force_slope = [rest_length_m](const PointState& s) {
        return compression_ratio_rate(s, rest_length_m) * s[0] +
               compression_ratio(s, rest_length_m) * s[2];
    };
    const auto leg_length_slope = [](const PointState& s) { return s[0] * s[2] + s[1] * s[3]; };
    const auto vertical_velocity = [](const PointState& s) { return s[3]; };
    const auto position_x = [](const PointState& s) { return s[0]; };

    const auto record = [&](const PointState& s) {
        const double force_per_m = stiffness_N_per_m * compression_ratio(s, rest_length_m);
        summary.peak_vertical_force_N = std::max(summary.peak_vertical_force_N, force_per_m * s[1]);
        summary.min_horizontal_force_N =
            std::min(summary.min_horizontal_force_N, force_per_m * s[0]);
        summary.max_horizontal_force_N =
            std::max(summary.max_horizontal_force_N, force_per_m * s[0]);
        summary.min_height_m = std::min(summary.min_height_m, s[1]);
        summary.min_leg_length_m = std::min(summary.min_leg_length_m, leg_length(s));
    };

    const auto visit = [&](const auto& stepper, double t_lo_s, double t_hi_s) {
        const PointState& lo = stepper.previous_state();
        PointState hi = stepper.current_state();
        if (t_hi_s < stepper.current_time()) stepper.calc_state(t_hi_s, hi);
        record(hi);
        // Extrema between step ends sit where the signal's slope changes sign; `rising` selects
        // minima, falling selects maxima.
        const auto refine = [&](const auto& signal, bool rising) {
            const double a = signal(lo);
            const double b = signal(hi);
            if (rising ? (a < 0.0 && b >= 0.0) : (a > 0.0 && b <= 0.0)) {
                PointState event{};
                stepper.calc_state(
                    locate_crossing(stepper, t_lo_s, t_hi_s, signal, extremum_time_resolution),
                    event);
                record(event);
            }
        };
        refine(vertical_force_slope, false);
        refine(horizontal_force_slope, true);
        refine(horizontal_force_slope, false);
        refine(leg_length_slope, true);
        refine(vertical_velocity, true);
        if (position_x(lo) < 0.0 && position_x(hi) >= 0.0) {
            PointState passage{};
            // vx is stationary where x crosses zero (F_x = 0 there), so coarse timing suffices.
            stepper.calc_state(
                locate_crossing(stepper, t_lo_s, t_hi_s, position_x, extremum_time_resolution),
                passage);
            summary.vx_at_foot_passage_m_s = passage[2];
        }
        summary.takeoff = hi;
    };
    return integrate_stance(in, stiffness_N_per_m, touchdown_angle_rad, visit,
                            summary.contact_time_s) &&
           std::isfinite(summary.vx_at_foot_passage_m_s);
}

/// @brief Builds the reported solution from solved parameters, checking the whole stance.
/// @param in [SI] Step inputs.
/// @param p [-, rad] Solved (ln k_leg, theta).
/// @param out [SI] Output, valid when true is returned.
/// @return False when the whole stance is not the symmetric stance of duration t_c.
inline bool assemble_solution(const StepInputs& in, const LegParameters& p,
                              SpringMassSolution& out) {
    const double stiffness_N_per_m = std::exp(p.log_stiffness);
    StanceSummary summary{};
    if (!summarize_stance(in, stiffness_N_per_m, p.touchdown_angle_rad, summary)) return false;
    const PointState touchdown = touchdown_state(in, p.touchdown_angle_rad);
    const double tc = in.contact_time_s;
    const double g = in.gravity_m_s2;
    // Reversibility makes the stance symmetric once the midstance residuals vanish; an
    // independent whole-stance integration confirms the duration and take-off velocity instead
    // of trusting that argument and the integration error of the half stance.
    if (std::abs(summary.contact_time_s - tc) > symmetry_tolerance * tc ||
        std::abs(summary.takeoff[3] + touchdown[3]) >
            symmetry_tolerance * g * (tc + in.flight_time_s)) {
        return false;
    }
    // Momentum balance over the simulated stance gives the impulses exactly, without quadrature.
    const double vertical_impulse_Ns =
        in.mass_kg * (summary.takeoff[3] - touchdown[3] + g * summary.contact_time_s);
    const double com_displacement_m = touchdown[1] - summary.min_height_m;
    out.leg_stiffness_N_per_m = stiffness_N_per_m;
    out.touchdown_angle_rad = p.touchdown_angle_rad;
    out.peak_vertical_force_N = summary.peak_vertical_force_N;
    out.mean_vertical_force_N = vertical_impulse_Ns / summary.contact_time_s;
    out.vertical_impulse_Ns = vertical_impulse_Ns;
    out.peak_braking_force_N = -summary.min_horizontal_force_N;
    out.peak_propulsive_force_N = summary.max_horizontal_force_N;
    out.horizontal_braking_impulse_Ns =
        in.mass_kg * (touchdown[2] - summary.vx_at_foot_passage_m_s);
    out.com_displacement_m = com_displacement_m;
    out.leg_compression_m = in.leg_length_m - summary.min_leg_length_m;
    out.vertical_stiffness_N_per_m = summary.peak_vertical_force_N / com_displacement_m;
    return true;
}

/// @brief Solves one step from a starting guess.
/// @param in [SI] Step inputs (already validated).
/// @param p [-, rad] Starting guess on entry, solution on successful return.
/// @param final_residual [-] Residuals and Jacobian at the solution.
/// @param out [SI] Output, valid when true is returned.
/// @return True on success.
inline bool try_solve(const StepInputs& in, LegParameters& p, MidstanceResidual& final_residual,
                      SpringMassSolution& out) {
    return solve_leg_parameters(in, p, final_residual) && assemble_solution(in, p, out);
}

/// @brief Solves one step from the sine-model estimate, retrying from scaled estimates.
/// @param in [SI] Step inputs (already validated).
/// @param p [-, rad] Solution on successful return.
/// @param final_residual [-] Residuals and Jacobian at the solution.
/// @param out [SI] Output, valid when true is returned.
/// @return True on success.
inline bool solve_cold(const StepInputs& in, LegParameters& p, MidstanceResidual& final_residual,
                       SpringMassSolution& out) {
    const LegParameters estimate = sine_model_estimate(in);
    for (const double angle_factor : cold_start_angle_factors) {
        for (const double stiffness_factor : cold_start_stiffness_factors) {
            p = {estimate.log_stiffness + std::log(stiffness_factor),
                 estimate.touchdown_angle_rad * angle_factor};
            if (try_solve(in, p, final_residual, out)) return true;
        }
    }
    return false;
}

/// @brief Starting guess for a step from the solution of a similar previous step.
///
/// The contact time enters the residuals only through 2 t / t_c - 1, so its change is taken
/// into account with the previous Jacobian (first-order continuation); the other inputs change
/// the guess as they change the sine-model estimate (exact for mass, since only k / m matters).
/// @param previous_in [SI] Inputs of the previous step.
/// @param previous [-, rad] Solution of the previous step.
/// @param previous_residual [-] Residuals and Jacobian at the previous solution.
/// @param in [SI] Inputs of this step.
/// @return Guessed (ln k_leg, theta).
inline LegParameters warm_start_guess(const StepInputs& previous_in, const LegParameters& previous,
                                      const MidstanceResidual& previous_residual,
                                      const StepInputs& in) {
    StepInputs same_contact = in;
    same_contact.contact_time_s = previous_in.contact_time_s;
    const LegParameters estimate = sine_model_estimate(same_contact);
    const LegParameters previous_estimate = sine_model_estimate(previous_in);
    const double contact_ratio = previous_in.contact_time_s / in.contact_time_s;
    const auto& jac = previous_residual.jacobian;
    // Row 1 of the Jacobian scales with 1 / t_c; its residual becomes t_c,prev / t_c - 1.
    const double shifted_residual = contact_ratio - 1.0;
    const double det = contact_ratio * (jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0]);
    double shift_log_k = 0.0;
    double shift_angle = 0.0;
    if (std::isfinite(det) && det != 0.0) {
        shift_log_k = shifted_residual * jac[0][1] / det;
        shift_angle = -shifted_residual * jac[0][0] / det;
    }
    return {previous.log_stiffness + (estimate.log_stiffness - previous_estimate.log_stiffness) +
                shift_log_k,
            previous.touchdown_angle_rad +
                (estimate.touchdown_angle_rad - previous_estimate.touchdown_angle_rad) +
                shift_angle};
}

/// @brief Message for a step without a symmetric spring-mass solution.
/// @param in [SI] Step inputs.
/// @return Error text.
inline std::string no_solution_message(const StepInputs& in) {
    return "spring_mass: no symmetric spring-mass stance found (Newton did not converge or the "
           "leg left the ground early) for " +
           describe(in);
}

}  // namespace spring_mass_impl

/// @brief Solves the spring-mass leg stiffness and touchdown angle of one running step.
///
/// Finds k_leg and theta such that the stance lasts `contact_time_s` and is symmetric, i.e. the
/// take-off vertical velocity is +g t_f / 2 = -(touchdown vertical velocity), and reports the
/// ground reaction force features of that stance.
/// @param mass_kg [kg] Body mass m.
/// @param speed_m_s [m/s] Horizontal velocity at touchdown (= flight-phase horizontal velocity).
/// @param contact_time_s [s] Stance duration t_c, in (0, 2].
/// @param flight_time_s [s] Flight (aerial) duration t_f, in [0, 2].
/// @param leg_length_m [m] Leg spring rest length L0.
/// @param gravity_m_s2 [m/s^2] Gravitational acceleration g.
/// @return Solved stance.
/// @throws std::invalid_argument naming the argument when an input is non-finite or out of range.
/// @throws std::domain_error when no symmetric stance exists or the solver does not converge.
inline SpringMassSolution spring_mass_solve(double mass_kg, double speed_m_s, double contact_time_s,
                                            double flight_time_s, double leg_length_m,
                                            double gravity_m_s2) {
    const spring_mass_impl::StepInputs in{mass_kg,       speed_m_s,    contact_time_s,
                                          flight_time_s, leg_length_m, gravity_m_s2};
    spring_mass_impl::validate(in);
    spring_mass_impl::LegParameters p{};
    spring_mass_impl::MidstanceResidual residual{};
    SpringMassSolution solution{};
    if (!spring_mass_impl::solve_cold(in, p, residual, solution)) {
        throw std::domain_error(spring_mass_impl::no_solution_message(in));
    }
    return solution;
}

/// @brief Samples the vertical and horizontal ground reaction force of a solved stance.
///
/// Samples are at t = i / rate_hz < contact_time_s (n = sample_count(...)), the sample times of
/// grf::detail::sample_times. The stance is re-simulated from the solution's k_leg and theta; a
/// sample at or after the simulated take-off is zero.
/// @param s [SI] Solution from spring_mass_solve for the same step inputs.
/// @param mass_kg [kg] Body mass m.
/// @param speed_m_s [m/s] Horizontal velocity at touchdown.
/// @param contact_time_s [s] Stance duration t_c.
/// @param flight_time_s [s] Flight duration t_f.
/// @param leg_length_m [m] Leg spring rest length L0.
/// @param gravity_m_s2 [m/s^2] Gravitational acceleration g.
/// @param rate_hz [Hz] Sampling rate.
/// @param vertical_N [N] Resized to n and filled with the vertical GRF.
/// @param horizontal_N [N] Resized to n and filled with the horizontal GRF (negative = braking).
/// @throws std::invalid_argument for invalid inputs, solution parameters or sampling rate.
/// @throws std::domain_error when the stance cannot be simulated to take-off.
inline void spring_mass_waveform(const SpringMassSolution& s, double mass_kg, double speed_m_s,
                                 double contact_time_s, double flight_time_s, double leg_length_m,
                                 double gravity_m_s2, double rate_hz, Eigen::VectorXd& vertical_N,
                                 Eigen::VectorXd& horizontal_N) {
    namespace impl = spring_mass_impl;
    const impl::StepInputs in{mass_kg,       speed_m_s,    contact_time_s,
                              flight_time_s, leg_length_m, gravity_m_s2};
    impl::validate(in);
    impl::require(std::isfinite(s.leg_stiffness_N_per_m) && s.leg_stiffness_N_per_m > 0.0,
                  "leg_stiffness_N_per_m", "finite and > 0", s.leg_stiffness_N_per_m);
    impl::require(s.touchdown_angle_rad > 0.0 && s.touchdown_angle_rad < std::numbers::pi / 2.0,
                  "touchdown_angle_rad", "in (0, pi/2)", s.touchdown_angle_rad);
    impl::require(std::isfinite(rate_hz) && rate_hz > 0.0 &&
                      contact_time_s * rate_hz <= impl::max_waveform_samples,
                  "rate_hz", "finite, > 0 and give at most 1e8 samples", rate_hz);

    const auto count = static_cast<Eigen::Index>(sample_count(contact_time_s, rate_hz));
    vertical_N.setZero(count);
    horizontal_N.setZero(count);

    const double rest_length_m = leg_length_m;
    const double stiffness_N_per_m = s.leg_stiffness_N_per_m;
    Eigen::Index next = 0;
    const auto visit = [&](const auto& stepper, double /*t_lo_s*/, double t_hi_s) {
        impl::PointState q{};
        for (; next < count; ++next) {
            const double t_s = static_cast<double>(next) / rate_hz;
            if (t_s > t_hi_s) break;
            stepper.calc_state(t_s, q);
            // Touchdown can round to a hair past L0; a leg spring cannot pull on the ground.
            const double force_per_m =
                stiffness_N_per_m * std::max(0.0, impl::compression_ratio(q, rest_length_m));
            vertical_N[next] = force_per_m * q[1];
            horizontal_N[next] = force_per_m * q[0];
        }
    };
    double simulated_contact_time_s = 0.0;
    if (!impl::integrate_stance(in, stiffness_N_per_m, s.touchdown_angle_rad, visit,
                                simulated_contact_time_s)) {
        throw std::domain_error("spring_mass_waveform: stance did not reach take-off for " +
                                impl::describe(in));
    }
}

/// @brief Solves the spring-mass model for many steps, warm-starting each from the previous one.
///
/// The previous step's (ln k_leg, theta), shifted by the change in the sine-model estimate, is
/// the starting guess, so similar consecutive steps converge in one or two Newton iterations;
/// a step whose warm start fails is retried from the cold start that spring_mass_solve uses.
/// Results agree with spring_mass_solve to solver tolerance (not bit for bit).
/// @param n [-] Number of steps.
/// @param mass_kg [kg] Body mass per step (n values).
/// @param speed_m_s [m/s] Touchdown horizontal velocity per step (n values).
/// @param contact_time_s [s] Contact time per step (n values).
/// @param flight_time_s [s] Flight time per step (n values).
/// @param leg_length_m [m] Leg rest length per step (n values).
/// @param gravity_m_s2 [m/s^2] Gravitational acceleration (shared).
/// @param peak_vertical_force_N [N] Output per step, or nullptr to skip.
/// @param mean_vertical_force_N [N] Output per step, or nullptr to skip.
/// @param vertical_impulse_Ns [N s] Output per step, or nullptr to skip.
/// @param leg_stiffness_N_per_m [N/m] Output per step, or nullptr to skip.
/// @param vertical_stiffness_N_per_m [N/m] Output per step, or nullptr to skip.
/// @param touchdown_angle_rad [rad] Output per step, or nullptr to skip.
/// @param com_displacement_m [m] Output per step, or nullptr to skip.
/// @param leg_compression_m [m] Output per step, or nullptr to skip.
/// @param peak_braking_force_N [N] Output per step, or nullptr to skip.
/// @param peak_propulsive_force_N [N] Output per step, or nullptr to skip.
/// @param horizontal_braking_impulse_Ns [N s] Output per step, or nullptr to skip.
/// @throws std::invalid_argument for a null input array or an invalid input, naming the step.
/// @throws std::domain_error naming the first step without a solution; outputs of earlier steps
/// have been written.
inline void spring_mass_batch(std::size_t n, const double* mass_kg, const double* speed_m_s,
                              const double* contact_time_s, const double* flight_time_s,
                              const double* leg_length_m, double gravity_m_s2,
                              double* peak_vertical_force_N, double* mean_vertical_force_N,
                              double* vertical_impulse_Ns, double* leg_stiffness_N_per_m,
                              double* vertical_stiffness_N_per_m, double* touchdown_angle_rad,
                              double* com_displacement_m, double* leg_compression_m,
                              double* peak_braking_force_N, double* peak_propulsive_force_N,
                              double* horizontal_braking_impulse_Ns) {
    namespace impl = spring_mass_impl;
    if (n == 0) return;
    if (mass_kg == nullptr || speed_m_s == nullptr || contact_time_s == nullptr ||
        flight_time_s == nullptr || leg_length_m == nullptr) {
        throw std::invalid_argument("spring_mass_batch: input arrays must not be null");
    }
    const auto store = [](double* out, std::size_t i, double value) {
        if (out != nullptr) out[i] = value;
    };
    bool have_previous = false;
    impl::StepInputs previous_in{};
    impl::LegParameters previous{};
    impl::MidstanceResidual previous_residual{};
    for (std::size_t i = 0; i < n; ++i) {
        const impl::StepInputs in{mass_kg[i],       speed_m_s[i],    contact_time_s[i],
                                  flight_time_s[i], leg_length_m[i], gravity_m_s2};
        try {
            impl::validate(in);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument("spring_mass_batch: step " + std::to_string(i) + ": " +
                                        error.what());
        }
        impl::LegParameters p{};
        impl::MidstanceResidual residual{};
        SpringMassSolution solution{};
        bool solved = false;
        if (have_previous) {
            p = impl::warm_start_guess(previous_in, previous, previous_residual, in);
            solved = impl::try_solve(in, p, residual, solution);
        }
        if (!solved) solved = impl::solve_cold(in, p, residual, solution);
        if (!solved) {
            throw std::domain_error("spring_mass_batch: step " + std::to_string(i) + ": " +
                                    impl::no_solution_message(in));
        }
        have_previous = true;
        previous_in = in;
        previous = p;
        previous_residual = residual;
        store(peak_vertical_force_N, i, solution.peak_vertical_force_N);
        store(mean_vertical_force_N, i, solution.mean_vertical_force_N);
        store(vertical_impulse_Ns, i, solution.vertical_impulse_Ns);
        store(leg_stiffness_N_per_m, i, solution.leg_stiffness_N_per_m);
        store(vertical_stiffness_N_per_m, i, solution.vertical_stiffness_N_per_m);
        store(touchdown_angle_rad, i, solution.touchdown_angle_rad);
        store(com_displacement_m, i, solution.com_displacement_m);
        store(leg_compression_m, i, solution.leg_compression_m);
        store(peak_braking_force_N, i, solution.peak_braking_force_N);
        store(peak_propulsive_force_N, i, solution.peak_propulsive_force_N);
        store(horizontal_braking_impulse_Ns, i, solution.horizontal_braking_impulse_Ns);
    }
}

}  // namespace strideload::detail
