/// @file
/// Kernel of the horizontal-GRF estimate from temporal measures by Burns GT et al.
/// (geoffreyburns/Contact-Velocity-Estimation-in-Running, `Fh_est.m` / `vc_est.m`, 2019), on SI
/// doubles. Vertical force and CoM displacement come from Morin et al. 2005 (Eqs 6–7); the mean
/// horizontal speed in contact v_c ∈ [0.8 v, v] is the root of
///   0 = (v − z tc/T)(T/tf) − (2 m z² + m g Δy − (m/8) tf² g²
///                               + (F_v ΔL(z)² + Δy) / (2 (ΔL(z) + Δy))) / (2 m z),
/// T = tc + tf, ΔL(z) = L − √(L² − (z tc/2)²), written exactly as in the authors' code. Then the
/// flight speed v_f = (v − v_c tc/T)(T/tf), the sine-model peak horizontal force
/// F_h = (2π/tc)(v_f − v_c) m, its impulse F_h tc/π, and the authors' speed correction
/// F_h,adj = F_h − (−0.04619409 − 0.06456883 (v_c − 4.417989)) m g.
#pragma once

#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "strideload/detail/kernel.hpp"
#include "strideload/detail/morin2005.hpp"

namespace strideload::detail {

/// One step of the Burns estimate.
struct BurnsResult {
    double vertical_peak_N;              ///< Morin Fmax [N]
    double contact_speed_m_s;            ///< v_c [m/s]
    double flight_speed_m_s;             ///< v_f [m/s]
    double peak_horizontal_N;            ///< F_h [N]
    double horizontal_impulse_Ns;        ///< F_h tc / π [N·s]
    double peak_horizontal_corrected_N;  ///< F_h,adj [N]
};

/// @brief The Burns estimate for one step; throws Error when the equation has no root in
/// [0.8 v, v] (the authors' bracket). Inputs in SI: [kg], [m/s], [s], [s], [m], [m/s²].
inline BurnsResult burns_hgrf_step(double m, double v, double tc, double tf, double L, double g,
                                   long index = -1) {
    const double T = tc + tf;
    const double peak_bw = morin2005_peak_bw(tc, tf);
    const double fv = m * g * peak_bw;
    const double dy = morin2005_com_displacement_m(g, tc, peak_bw);
    auto f = [&](double z) {
        const double half = z * tc / 2.0;
        const double dl = L - std::sqrt(L * L - half * half);
        return (v - z * tc / T) * (T / tf) -
               (1.0 / (2.0 * m * z)) * (2.0 * m * z * z + m * g * dy - (m / 8.0) * tf * tf * g * g +
                                        (fv * dl * dl + dy) / (2.0 * (dl + dy)));
    };
    double lo = 0.8 * v, hi = v;
    const double flo = f(lo), fhi = f(hi);
    if (!(flo * fhi <= 0.0)) {
        std::ostringstream os;
        os << "a step whose contact speed equation has a root in [0.8 v, v] (Burns); none for "
              "tc = "
           << tc << " s, tf = " << tf << " s, v = " << v << " m/s";
        throw Error(indexed("contact_time_s", index), tc, os.str());
    }
    std::uintmax_t iters = 200;
    const auto bracket = boost::math::tools::toms748_solve(
        f, lo, hi, flo, fhi, boost::math::tools::eps_tolerance<double>(52), iters);
    const double vc = 0.5 * (bracket.first + bracket.second);
    const double vf = (v - vc * tc / T) * (T / tf);
    const double fh = (2.0 * pi / tc) * (vf - vc) * m;
    const double fh_diff_bw = -0.04619409 - 0.06456883 * (vc - 4.417989);
    return {fv, vc, vf, fh, fh * tc / pi, fh - fh_diff_bw * m * g};
}

/// @brief Burns batch kernel (one root solve per step).
/// @param n, mass_kg [kg], speed_m_s [m/s], contact_time_s [s], flight_time_s [s] (> 0),
/// leg_length_m [m], g [m/s²]; outputs [N], [N], [N·s], [N], [N], [N·s], [N], [m/s], n each.
/// @throws Error naming the first invalid field and step
inline void burns_hgrf_kernel(std::size_t n, const double* mass_kg, const double* speed_m_s,
                              const double* contact_time_s, const double* flight_time_s,
                              const double* leg_length_m, double g, double* peak_N, double* mean_N,
                              double* impulse_Ns, double* peak_braking_N, double* peak_propulsive_N,
                              double* horizontal_impulse_Ns, double* corrected_N,
                              double* contact_speed_m_s) {
    for (std::size_t i = 0; i < n; ++i) {
        const long idx = n == 1 ? -1 : static_cast<long>(i);
        const double m = mass_kg[i], v = speed_m_s[i], tc = contact_time_s[i];
        const double tf = flight_time_s[i], L = leg_length_m[i];
        validate_step(idx, &m, &v, &tc, &tf, &L);
        validate_leg_sweep(idx, v, tc, L);
        if (!(tf > 0.0)) throw Error(indexed("flight_time_s", idx), tf, "> 0 s for burns_hgrf");
        const BurnsResult r = burns_hgrf_step(m, v, tc, tf, L, g, idx);
        peak_N[i] = r.vertical_peak_N;
        mean_N[i] = 2.0 / pi * r.vertical_peak_N;
        impulse_Ns[i] = m * g * (tc + tf);
        peak_braking_N[i] = r.peak_horizontal_N;
        peak_propulsive_N[i] = r.peak_horizontal_N;
        horizontal_impulse_Ns[i] = r.horizontal_impulse_Ns;
        corrected_N[i] = r.peak_horizontal_corrected_N;
        contact_speed_m_s[i] = r.contact_speed_m_s;
    }
}

}  // namespace strideload::detail
