/// @file
/// Kernels of the accelerometer → vertical ground reaction force (vGRF) methods on plain
/// doubles, no Boost.Units: accelerations in g (multiples of standard gravity g_n = 9.80665
/// m/s², the unit accelerometers report), mass [kg], force [N], rate [Hz]. Axes follow ISB
/// (Wu & Cavanagh 1995): +y is vertical/proximal and the signal includes gravity, so a sensor at
/// rest reads about +1 g and one in free fall 0 g. The equations and their sources are
/// documented in `strideload/waveform/accelerometer.hpp`; this file holds the arithmetic, the
/// published coefficients and the input checks.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <sstream>
#include <string>
#include <utility>

#include "strideload/detail/kernel.hpp"
#include "strideload/error.hpp"
#include "strideload/units.hpp"

namespace strideload::detail {

/// Coefficients of the log-linear peak model of Neugebauer et al.: F = exp(c1 + c2·a + c3·m),
/// a = peak vertical hip acceleration [g], m [kg], F [N].
struct NeugebauerCoefficients {
    double c1;  ///< intercept [ln N]
    double c2;  ///< per g of peak acceleration [ln N / g]
    double c3;  ///< per kg of body mass [ln N / kg]
};

/// Neugebauer, Collins & Hawkins 2014 (PLoS ONE 9:e99023), adults, running: the published
/// generalized equation ln F = 5.247 + 0.271·ACC + 0.014·m + 0.934·RUN − 0.216·ACC·RUN with the
/// running indicator RUN = 1 folded in (coefficients as re-used by Veras et al., GitHub
/// verasls/locomotion_GRF_ACC code/04_sub_analyses.R, and Kiernan et al. 2023).
inline constexpr NeugebauerCoefficients neugebauer2014_running{5.247 + 0.934, 0.271 - 0.216, 0.014};
/// Kiernan, Ng & Hawkins 2023 (Sensors 23:8719) refits of the Neugebauer form on 74 runners, in
/// the wearable (WCS), segment (SCS) and tilt-corrected (TCCS) coordinate systems.
inline constexpr NeugebauerCoefficients neugebauer_kiernan2023_wcs{6.5732, 0.0140, 0.0125};
/// @copydoc neugebauer_kiernan2023_wcs
inline constexpr NeugebauerCoefficients neugebauer_kiernan2023_scs{6.5361, 0.0278, 0.0120};
/// @copydoc neugebauer_kiernan2023_wcs
inline constexpr NeugebauerCoefficients neugebauer_kiernan2023_tccs{6.5459, 0.0253, 0.0120};

/// Coefficients of the shank model of Charry et al. 2013: F = (s1·m + s2)·log2(1 − a_min) +
/// (i1·m + i2), a_min = minimum axial shank acceleration over stance [g], m [kg], F [N].
struct CharryCoefficients {
    double s1;  ///< slope per kg [N/kg]
    double s2;  ///< slope offset [N]
    double i1;  ///< intercept per kg [N/kg]
    double i2;  ///< intercept offset [N]
};

/// Charry, Hu, Umer, Ronchi & Taylor 2013 (IEEE ISSNIP), as quoted by Kiernan et al. 2023.
inline constexpr CharryCoefficients charry2013_original{4.66, -76.6, 24.98, -566.83};
/// Kiernan et al. 2023 refits of the Charry form (WCS, SCS, TCCS; see above).
inline constexpr CharryCoefficients charry_kiernan2023_wcs{-1.0922, 103.6462, 26.6511, -197.6452};
/// @copydoc charry_kiernan2023_wcs
inline constexpr CharryCoefficients charry_kiernan2023_scs{-0.6598, 98.9072, 24.0457, -25.3910};
/// @copydoc charry_kiernan2023_wcs
inline constexpr CharryCoefficients charry_kiernan2023_tccs{2.5680, -96.4324, 17.0107, 402.8931};

/// Largest accepted |acceleration| [g]: high-g impact accelerometers read ±200 g; anything
/// beyond is a unit mistake (m/s² passed as g reads ≈ 9.8 "g" standing and is caught by the
/// methods' own domains only sometimes, so callers must pass g).
inline constexpr double max_abs_accel_g = 200.0;
/// Largest accepted sample rate [Hz].
inline constexpr double max_accel_rate_hz = 1e6;

/// @brief Neugebauer peak vGRF: F = exp(c1 + c2·a_max + c3·m).
/// @param peak_accel_g peak vertical acceleration over stance [g]  @param mass_kg [kg]
/// @param c coefficients  @return peak vGRF [N]
inline double neugebauer_peak_N(double peak_accel_g, double mass_kg,
                                const NeugebauerCoefficients& c) {
    return std::exp(c.c1 + c.c2 * peak_accel_g + c.c3 * mass_kg);
}

/// @brief Meyer et al. 2015 as formalised by Kiernan et al. 2023: F = g_n·m·a_max.
/// @param peak_accel_g peak vertical acceleration over stance [g]  @param mass_kg [kg]
/// @return peak vGRF [N]
inline double meyer2015_peak_N(double peak_accel_g, double mass_kg) {
    return standard_gravity_m_s2 * mass_kg * peak_accel_g;
}

/// @brief Charry et al. 2013: F = (s1·m + s2)·log2(1 − a_min) + (i1·m + i2).
/// @param min_accel_g minimum axial shank acceleration over stance [g], must be < 1 g
/// @param mass_kg [kg]  @param c coefficients  @return peak vGRF [N]
inline double charry_peak_N(double min_accel_g, double mass_kg, const CharryCoefficients& c) {
    return (c.s1 * mass_kg + c.s2) * std::log2(1.0 - min_accel_g) + (c.i1 * mass_kg + c.i2);
}

/// @brief Newton's second law on a whole-body (centre-of-mass) acceleration that includes
/// gravity: F = g_n·m·a, sample by sample.
/// @param n samples  @param accel_g [g]  @param mass_kg [kg]
/// @param force_N output [N], n values; may be accel_g itself (in place)
inline void mass_times_accel_N(std::size_t n, const double* accel_g, double mass_kg,
                               double* force_N) {
    const double scale = standard_gravity_m_s2 * mass_kg;
    for (std::size_t i = 0; i < n; ++i) force_N[i] = scale * accel_g[i];
}

/// @brief Throws Error unless @p accel_g is non-empty and every sample is finite with
/// |a| ≤ 200 g. @param field name for the message, e.g. "vertical_accel_g"
inline void validate_accel_samples(std::span<const double> accel_g, const char* field) {
    if (accel_g.empty()) throw Error(field, "no samples: a stance needs at least one sample");
    for (std::size_t i = 0; i < accel_g.size(); ++i) {
        const double a = accel_g[i];
        if (!(std::isfinite(a) && std::abs(a) <= max_abs_accel_g))
            throw Error(indexed(field, static_cast<long>(i)), a, "finite, |a| <= 200 g");
    }
}

/// @brief Throws Error unless 0 < rate ≤ 1 MHz. @param rate_hz [Hz]
inline void validate_accel_rate(double rate_hz) {
    require_in_open_closed("rate_hz", rate_hz, 0.0, max_accel_rate_hz, "Hz");
}

/// @brief Throws Error unless the body mass is in [20, 250] kg. @param mass_kg [kg]
inline void validate_accel_mass(double mass_kg) {
    require_in("mass_kg", mass_kg, min_mass_kg, max_mass_kg, "kg");
}

/// @brief Throws Error unless a stance of @p samples samples at @p rate_hz lasts at most
/// 2 s (the shared contact-time domain): a longer "stance" is a segmentation error.
/// @param field name for the message  @param index stance index, or -1 for a single stance
inline void validate_stance_duration(std::size_t samples, double rate_hz, const char* field,
                                     long index) {
    const double duration_s = static_cast<double>(samples) / rate_hz;
    if (!(duration_s <= max_contact_time_s))
        throw Error(indexed(field, index), duration_s, "a stance of at most 2 s");
}

/// @brief Throws Error unless the stance [begin, end) lies inside a trace of @p n samples, is
/// non-empty and lasts at most 2 s. @param index stance index for the message
inline void validate_stance_range(long begin, long end, std::size_t n, double rate_hz, long index) {
    const std::string field = indexed("stances", index);
    if (!(begin >= 0 && begin < end && static_cast<std::size_t>(end) <= n)) {
        std::ostringstream os;
        os << "[begin, end) = [" << begin << ", " << end
           << ") must satisfy 0 <= begin < end <= " << n << " (samples in the trace)";
        throw Error(field, os.str());
    }
    validate_stance_duration(static_cast<std::size_t>(end - begin), rate_hz, "stance_duration_s",
                             index);
}

/// @brief Throws Error unless the Charry log term is defined: a_min < 1 g (1 − a_min > 0).
/// A shank whose minimum axial acceleration over stance stays at or above 1 g has no
/// deceleration phase the model can use. @param index stance index, or -1
inline void validate_charry_min(double min_accel_g, long index) {
    if (!(min_accel_g < 1.0))
        throw Error(indexed("min_axial_accel_g", index), min_accel_g,
                    "below 1 g (Charry's log2(1 - a_min) needs a_min < 1 g)");
}

}  // namespace strideload::detail
