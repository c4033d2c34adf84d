/// @file
/// Vertical ground reaction force (vGRF) from one body-worn accelerometer, by five published
/// methods re-implemented from their equations (the MATLAB collection of Kiernan, Ng & Hawkins
/// 2023, GitHub DovinKiernan/MTFBWY_running_vGRF_from_a, is GPL and was read for constants and
/// conventions only, not ported). Input: the vertical (hip, sacrum) or longitudinal (shank)
/// acceleration in g, ISB axes (+y up/proximal), gravity included (≈ +1 g standing, 0 g in free
/// fall), over one segmented stance, or a continuous trace plus stance bounds.
///
/// | method | sensor | equation (a in g, m in kg, F in N, g_n = 9.80665 m/s²) | gives |
/// |---|---|---|---|
/// | neugebauer2014 | hip | F = exp(c1 + c2·max a + c3·m) | peak |
/// | meyer2015 | hip | F = g_n·m·max a | peak |
/// | wundersitz2013 | upper back | F = max(g_n·m·LPF(a)), 4th-order Butterworth 10/15/20/25 Hz or
/// raw | waveform + peak | | gurchiek2017 | sacrum | F(t) = g_n·m·LPF(a)(t), 5th-order Butterworth
/// 10 Hz | waveform + peak | | charry2013 | shank | F = (s1·m + s2)·log2(1 − min a) + (i1·m + i2) |
/// peak |
///
/// Sources and what was verified (V = read in the source or an independent copy of it;
/// NV = not verified, taken from the research notes or Kiernan et al.'s code):
/// - Neugebauer JM, Collins KH, Hawkins DA (2014) "Ground reaction force estimates from
///   ActiGraph GT3X+ hip accelerations", PLoS ONE 9(6):e99023, doi 10.1371/journal.pone.0099023
///   [V citation and abstract]. ActiGraph GT3X+ over the right hip; 39 adults (67.6 ± 11.5 kg),
///   running 2.20–4.10 m/s. Generalized equation ln F = 5.247 + 0.271·ACC + 0.014·m +
///   0.934·RUN − 0.216·ACC·RUN [V: identical coefficients in Veras et al.'s independent code,
///   verasls/locomotion_GRF_ACC, and in Kiernan et al.'s]; running (RUN = 1) gives c1 = 6.181,
///   c2 = 0.055, c3 = 0.014. Published error: mean absolute percent difference 8.3 % for peak
///   vGRF on 9 hold-out subjects, walking and running together [V abstract]. ACC is the raw
///   (gravity-including) peak in g [NV: inferred from raw GT3X+ output and Kiernan's use].
/// - Meyer U, Ernst D, Schott S, Riera C, Hattendorf J, Romkes J, Granacher U, Göpfert B,
///   Kriemler S (2015) "Validation of two accelerometers to determine mechanical loading of
///   physical activities in children", J Sports Sci 33(16):1702–1709, doi
///   10.1080/02640414.2015.1004638 [V citation and abstract]. Hip, ActiGraph GT3X+ and GENEA,
///   raw 100 Hz, 13 children (5.4–15.7 y). Published error: peak acceleration correlated with
///   GRF (r = 0.90 ActiGraph, 0.89 GENEA) but both "consistently overestimated GRF" [V
///   abstract; the size of the overestimate NV]. The paper compares peak g with GRF; F =
///   g·m·a_max is Kiernan et al.'s formalisation, whose code uses g = 9.8 m/s²; here g_n =
///   9.80665 converts the sensor's g to m/s² (0.07 % above Kiernan's numbers).
/// - Wundersitz DWT, Netto KJ, Aisbett B, Gastin PB (2013) "Validity of an upper-body-mounted
///   accelerometer to measure peak vertical and resultant force during running and
///   change-of-direction tasks", Sports Biomech 12(4):403–412 [V citation; V (authors'
///   centre summary): GPSports SPI ProX unit on the upper back vs force platform, the raw
///   accelerometer overestimates peak impacts and low-pass filtering improves accuracy; the
///   size of the error NV]. Filter: 4th-order Butterworth low-pass at 10, 15, 20 or 25 Hz, or
///   raw, zero-phase [NV: Kiernan et al.'s implementation; which cutoff the paper preferred is
///   NV, so it is an option, default 10 Hz]. Kiernan et al. applied it at the sacrum.
/// - Gurchiek RD, McGinnis RS, Needle AR, McBride JM, van Werkhoven H (2017) "The use of a
///   single inertial sensor to estimate 3-dimensional ground reaction force during accelerative
///   running tasks", J Biomech 61:263–268 [NV: citation from the research notes and memory].
///   Sacrum; 5th-order Butterworth 10 Hz low-pass, zero-phase [NV: Kiernan et al.'s
///   implementation; zero-lag filtfilt is also the convention of Gurchiek's own public MATLAB
///   `bwfilter`]. Published error NV.
/// - Charry E, Hu W, Umer M, Ronchi A, Taylor S (2013) "Study on estimation of peak ground
///   reaction forces using tibial accelerations in running", IEEE 8th Int Conf on Intelligent
///   Sensors, Sensor Networks and Information Processing (ISSNIP), Melbourne [V title, authors
///   and abstract: ViPerform tri-axial accelerometer on the medial tibia, AMTI OR6 plate;
///   venue/pages NV]. Coefficients s1 = 4.66, s2 = −76.6, i1 = 24.98, i2 = −566.83 and the use
///   of the stance minimum of the ISB +y (proximal) shank axis [NV: research notes and Kiernan
///   et al.; Charry's own sensor sign convention not seen]. Published error NV.
/// - Kiernan D, Ng B, Hawkins DA (2023) "Acceleration-based estimation of vertical ground
///   reaction forces during running: a comparison of methods across running speeds, surfaces,
///   and foot strike patterns", Sensors 23(21):8719, doi 10.3390/s23218719 [V citation and
///   abstract]: 27 methods, 74 runners; no method estimated the first (impact) peak or the
///   loading rate precisely (limits of agreement beyond ±65 %), while the second (active)
///   peak, average force and time series were estimated accurately by several methods. Their
///   refits of the Neugebauer and Charry constants in the wearable (WCS), segment (SCS) and
///   tilt-corrected (TCCS) frames are offered as AccelCoefficients [NV against the paper's
///   tables: values from the authors' public code].
///
/// Not implemented: Kiernan et al. 2020 (hip/sacrum, exp of low- and high-frequency peaks, sex,
/// mass, height, leg length): only the 2023 refits of its constants could be found, not the
/// 2020 proceeding's own, and its inputs are defined by the authors' FFT split.
///
/// Impact peak and loading rate from these waveforms are unreliable (Kiernan et al. 2023);
/// the low-pass filters remove the impact transient by design.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strideload/detail/accelerometer.hpp"
#include "strideload/error.hpp"
#include "strideload/units.hpp"
#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"
#include "strideload/waveform/stances.hpp"

namespace strideload::waveform {

/// The accelerometer → vGRF methods.
enum class AccelMethod { neugebauer2014, meyer2015, wundersitz2013, gurchiek2017, charry2013 };

/// Where a method's source placed the accelerometer.
enum class SensorLocation { hip, sacrum, upper_back, shank };

/// Which constants the regression methods (neugebauer2014, charry2013) use.
enum class AccelCoefficients {
    original,          ///< the source paper's
    kiernan2023_wcs,   ///< Kiernan et al. 2023 refit, wearable coordinate system
    kiernan2023_scs,   ///< Kiernan et al. 2023 refit, segment coordinate system
    kiernan2023_tccs,  ///< Kiernan et al. 2023 refit, tilt-corrected coordinate system
};

/// A method's name, source, sensor site, what it gives and its published error.
struct AccelMethodInfo {
    AccelMethod method;
    std::string_view name;             ///< e.g. "neugebauer2014"
    std::string_view citation;         ///< authors, year, journal
    SensorLocation location;           ///< where the source wore the sensor
    std::string_view equation;         ///< a in g (ISB +y, gravity included), m in kg, F in N
    bool waveform;                     ///< gives a force-time series, not only its peak
    bool refits;                       ///< has Kiernan 2023 refit coefficients
    std::string_view published_error;  ///< as published, with what was not verified
};

/// Every method, in the order the CLI and Python list them.
inline constexpr std::array<AccelMethodInfo, 5> accel_method_list{{
    {AccelMethod::neugebauer2014, "neugebauer2014",
     "Neugebauer, Collins & Hawkins 2014 PLoS ONE 9:e99023 (running coefficients)",
     SensorLocation::hip, "F = exp(6.181 + 0.055 max a + 0.014 m)", false, true,
     "mean absolute difference 8.3 % of peak vGRF (9 hold-out adults, walking and running)"},
    {AccelMethod::meyer2015, "meyer2015",
     "Meyer et al. 2015 J Sports Sci 33:1702; F = g m a_max as formalised by Kiernan et al. "
     "2023 Sensors 23:8719",
     SensorLocation::hip, "F = g_n m max a", false, false,
     "r = 0.90 (ActiGraph) / 0.89 (GENEA) with GRF in 13 children; consistently overestimates "
     "GRF (size not verified)"},
    {AccelMethod::wundersitz2013, "wundersitz2013",
     "Wundersitz, Netto, Aisbett & Gastin 2013 Sports Biomech 12:403", SensorLocation::upper_back,
     "F = max(g_n m LPF(a)), 4th-order Butterworth 10/15/20/25 Hz or raw", true, false,
     "raw signal overestimates peak force, filtering improves agreement (size not verified)"},
    {AccelMethod::gurchiek2017, "gurchiek2017",
     "Gurchiek, McGinnis, Needle, McBride & van Werkhoven 2017 J Biomech 61:263 (citation not "
     "verified)",
     SensorLocation::sacrum, "F(t) = g_n m LPF(a)(t), 5th-order Butterworth 10 Hz", true, false,
     "not verified"},
    {AccelMethod::charry2013, "charry2013",
     "Charry, Hu, Umer, Ronchi & Taylor 2013 IEEE ISSNIP (constants via Kiernan et al. 2023)",
     SensorLocation::shank, "F = (4.66 m - 76.6) log2(1 - min a) + 24.98 m - 566.83", false, true,
     "not verified"},
}};

/// @brief All methods with their citations and published errors.
inline std::span<const AccelMethodInfo> accel_methods() { return accel_method_list; }

/// @brief The entry of @p method.
inline const AccelMethodInfo& accel_method_info(AccelMethod method) {
    return accel_method_list[static_cast<std::size_t>(method)];
}

/// @brief The method called @p name.
/// @param name e.g. "gurchiek2017"  @return the method
/// @throws Error (field `method`) listing the valid names when @p name is not one of them
inline AccelMethod accel_method_from_name(std::string_view name) {
    std::string valid;
    for (const AccelMethodInfo& m : accel_method_list) {
        if (m.name == name) return m.method;
        valid += (valid.empty() ? "" : ", ") + std::string(m.name);
    }
    throw Error("method",
                "unknown accelerometer method '" + std::string(name) + "'; one of: " + valid);
}

/// @brief Name of a sensor location ("hip", "sacrum", "upper_back", "shank").
inline std::string_view sensor_location_name(SensorLocation location) {
    constexpr std::array<std::string_view, 4> names{"hip", "sacrum", "upper_back", "shank"};
    return names[static_cast<std::size_t>(location)];
}

/// Options of the accelerometer methods.
struct AccelOptions {
    /// Constants of neugebauer2014 and charry2013; the other methods accept only `original`.
    AccelCoefficients coefficients = AccelCoefficients::original;
    /// wundersitz2013's low-pass cutoff [Hz]: the paper compared 10, 15, 20 and 25 Hz and raw;
    /// 0 Hz means raw (unfiltered). Must be below half the sample rate.
    Frequency wundersitz_cutoff = hertz(10.0);
};

/// One stance's estimate.
struct AccelStanceForce {
    AccelMethod method = AccelMethod::neugebauer2014;
    Force peak_vertical_force;            ///< the method's peak vGRF [N]
    double peak_vertical_force_bw = 0.0;  ///< peak / (m g_n) [BW]
    Eigen::VectorXd time_s;      ///< sample times k / rate [s]; empty for peak-only methods
    Eigen::VectorXd vertical_N;  ///< estimated vGRF [N]; empty for peak-only methods
};

/// Many stances of one continuous trace: one row per stance measured.
struct AccelBatch {
    Eigen::VectorXd peak_vertical_force_N;   ///< [N]
    Eigen::VectorXd peak_vertical_force_bw;  ///< [BW]
    Eigen::VectorXi stance_index;            ///< row's position in the stances given
    /// vGRF over the whole trace [N] for waveform methods (filtered once, then cut into
    /// stances); empty for peak-only methods.
    Eigen::VectorXd vertical_force_N;
};

/// Stance bounds [begin, end) in samples of a continuous trace.
using StanceBounds = std::pair<Eigen::Index, Eigen::Index>;

/// @brief Acceleration from a reading in g (multiples of g_n = 9.80665 m/s²).
/// @param g [g]  @return acceleration [m/s²]
inline Acceleration g_units(double g) {
    return meters_per_second_squared(g * standard_gravity_m_s2);
}

namespace detail {

namespace accel_kernels = strideload::detail;

/// Low-pass filter of a waveform method; order 0 means none (raw).
struct LowPass {
    int order = 0;
    double cutoff_hz = 0.0;
};

/// @brief The filter @p method applies, after checking the option's cutoff.
inline LowPass low_pass_of(AccelMethod method, const AccelOptions& options) {
    if (method == AccelMethod::gurchiek2017) return {5, 10.0};
    if (method == AccelMethod::wundersitz2013) {
        const double fc = options.wundersitz_cutoff.value();
        if (!(std::isfinite(fc) && fc >= 0.0))
            throw Error("wundersitz_cutoff_hz", fc, "finite and >= 0 Hz (0 = raw)");
        if (fc == 0.0) return {};
        return {4, fc};
    }
    return {};
}

/// @brief Throws Error when @p options asks for refit constants of a method that has none.
inline void check_coefficients(AccelMethod method, const AccelOptions& options) {
    if (options.coefficients != AccelCoefficients::original && !accel_method_info(method).refits)
        throw Error("coefficients", std::string(accel_method_info(method).name) +
                                        " has only its original form; Kiernan 2023 refits exist "
                                        "for neugebauer2014 and charry2013");
}

/// @brief The Neugebauer constants selected by @p c.
inline const accel_kernels::NeugebauerCoefficients& neugebauer_coefficients(AccelCoefficients c) {
    switch (c) {
        case AccelCoefficients::kiernan2023_wcs:
            return accel_kernels::neugebauer_kiernan2023_wcs;
        case AccelCoefficients::kiernan2023_scs:
            return accel_kernels::neugebauer_kiernan2023_scs;
        case AccelCoefficients::kiernan2023_tccs:
            return accel_kernels::neugebauer_kiernan2023_tccs;
        case AccelCoefficients::original:
            break;
    }
    return accel_kernels::neugebauer2014_running;
}

/// @brief The Charry constants selected by @p c.
inline const accel_kernels::CharryCoefficients& charry_coefficients(AccelCoefficients c) {
    switch (c) {
        case AccelCoefficients::kiernan2023_wcs:
            return accel_kernels::charry_kiernan2023_wcs;
        case AccelCoefficients::kiernan2023_scs:
            return accel_kernels::charry_kiernan2023_scs;
        case AccelCoefficients::kiernan2023_tccs:
            return accel_kernels::charry_kiernan2023_tccs;
        case AccelCoefficients::original:
            break;
    }
    return accel_kernels::charry2013_original;
}

/// @brief F = g_n·m·LPF(a) into @p force_N (resized to the signal's length): zero-phase
/// low-pass with scipy `filtfilt` defaults (odd padding of 3·max(len(a), len(b)) samples), or
/// no filter when @p f is raw.
/// @throws Error when the cutoff is not below Nyquist or the signal is too short to pad
inline void low_pass_force(std::span<const double> accel_g, const LowPass& f, double rate_hz,
                           double mass_kg, Eigen::VectorXd& force_N) {
    const std::size_t n = accel_g.size();
    force_N.resize(static_cast<Eigen::Index>(n));
    if (f.order != 0) {
        if (!(f.cutoff_hz < 0.5 * rate_hz)) {
            std::ostringstream os;
            os << "above twice the " << f.cutoff_hz << " Hz low-pass cutoff (Nyquist)";
            throw Error("rate_hz", rate_hz, os.str());
        }
        const FilterCoefficients c = butter_lowpass(f.order, hertz(f.cutoff_hz), hertz(rate_hz));
        const std::size_t padlen = filtfilt_padlen(c);
        if (!(n > padlen)) {
            std::ostringstream os;
            os << "more than " << padlen << " samples: zero-phase filtering (filtfilt) of the "
               << f.order << "th-order low-pass pads " << padlen
               << " samples at each end; segment a longer window or sample faster";
            throw Error("samples", static_cast<double>(n), os.str());
        }
        const std::span<double> out(force_N.data(), n);
        filtfilt(accel_g, c, out);
        strideload::detail::mass_times_accel_N(n, out.data(), mass_kg, out.data());
    } else {
        strideload::detail::mass_times_accel_N(n, accel_g.data(), mass_kg, force_N.data());
    }
}

/// @brief Peak vGRF [N] of a peak-only method from the stance's acceleration extremes.
inline double peak_only_N(AccelMethod method, double max_g, double min_g, double mass_kg,
                          const AccelOptions& options, long index) {
    switch (method) {
        case AccelMethod::neugebauer2014:
            return accel_kernels::neugebauer_peak_N(max_g, mass_kg,
                                                    neugebauer_coefficients(options.coefficients));
        case AccelMethod::meyer2015:
            return accel_kernels::meyer2015_peak_N(max_g, mass_kg);
        case AccelMethod::charry2013:
            accel_kernels::validate_charry_min(min_g, index);
            return accel_kernels::charry_peak_N(min_g, mass_kg,
                                                charry_coefficients(options.coefficients));
        case AccelMethod::wundersitz2013:
        case AccelMethod::gurchiek2017:
            break;
    }
    throw Error("method", "not a peak-only method");
}

/// @brief Shared checks of both overloads.
inline void validate_common(AccelMethod method, std::span<const double> accel_g, double rate_hz,
                            double mass_kg, const AccelOptions& options) {
    accel_kernels::validate_accel_rate(rate_hz);
    accel_kernels::validate_accel_mass(mass_kg);
    check_coefficients(method, options);
    accel_kernels::validate_accel_samples(accel_g, "vertical_accel_g");
}

}  // namespace detail

/// @brief vGRF of one segmented stance by @p method.
///
/// Peak-only methods use the stance's extreme acceleration: neugebauer2014 and meyer2015 its
/// maximum, charry2013 its minimum. Waveform methods (gurchiek2017, wundersitz2013) filter the
/// segment zero-phase as Kiernan et al. 2023 did and return F(t) = g_n·m·LPF(a)(t) with its
/// maximum as the peak; the segment must be longer than the filter's padding (19 samples for
/// gurchiek2017, 16 for wundersitz2013: 500 Hz × 0.25 s = 125 is plenty).
/// @param method which method  @param vertical_accel_g stance samples [g], ISB +y (up/
///        proximal), gravity included (≈ +1 g standing)
/// @param rate sample rate [Hz], (0, 1 MHz]  @param mass body mass [kg], [20, 250]
/// @param options constants and Wundersitz cutoff
/// @return peak [N] and [BW]; time [s] and vGRF [N] for waveform methods
/// @throws Error for an empty stance, a non-finite or |a| > 200 g sample, a rate, mass or
///         stance duration (> 2 s) out of range, a cutoff not below Nyquist, a stance too
///         short to filter, refits asked of a method without any, or a charry2013 stance
///         whose minimum is not below 1 g
inline AccelStanceForce vgrf_from_accel(AccelMethod method,
                                        std::span<const double> vertical_accel_g, Frequency rate,
                                        Mass mass, const AccelOptions& options = {}) {
    const double rate_hz = rate.value(), mass_kg = mass.value();
    detail::validate_common(method, vertical_accel_g, rate_hz, mass_kg, options);
    strideload::detail::validate_stance_duration(vertical_accel_g.size(), rate_hz,
                                                 "stance_duration_s", -1);
    const double weight_N = standard_gravity_m_s2 * mass_kg;
    AccelStanceForce out;
    out.method = method;
    double peak_N = 0.0;
    if (accel_method_info(method).waveform) {
        detail::low_pass_force(vertical_accel_g, detail::low_pass_of(method, options), rate_hz,
                               mass_kg, out.vertical_N);
        out.time_s.resize(out.vertical_N.size());
        for (Eigen::Index k = 0; k < out.time_s.size(); ++k)
            out.time_s[k] = static_cast<double>(k) / rate_hz;
        peak_N = out.vertical_N.maxCoeff();
    } else {
        const auto [lo, hi] = std::minmax_element(vertical_accel_g.begin(), vertical_accel_g.end());
        peak_N = detail::peak_only_N(method, *hi, *lo, mass_kg, options, -1);
    }
    out.peak_vertical_force = newtons(peak_N);
    out.peak_vertical_force_bw = peak_N / weight_N;
    return out;
}

namespace detail {

/// @brief The batch computation over @p bounds; @p index[r] is row r's position in the
/// caller's list (error messages and AccelBatch::stance_index).
inline void accel_batch(AccelMethod method, std::span<const double> accel_g, double rate_hz,
                        double mass_kg, std::span<const StanceBounds> bounds,
                        std::span<const int> index, AccelBatch& out, const AccelOptions& options) {
    validate_common(method, accel_g, rate_hz, mass_kg, options);
    const std::size_t n = accel_g.size();
    for (std::size_t r = 0; r < bounds.size(); ++r)
        strideload::detail::validate_stance_range(static_cast<long>(bounds[r].first),
                                                  static_cast<long>(bounds[r].second), n, rate_hz,
                                                  index[r]);
    const auto rows = static_cast<Eigen::Index>(bounds.size());
    out.peak_vertical_force_N.resize(rows);
    out.peak_vertical_force_bw.resize(rows);
    out.stance_index = Eigen::Map<const Eigen::VectorXi>(index.data(), rows);
    const double weight_N = standard_gravity_m_s2 * mass_kg;
    if (accel_method_info(method).waveform) {
        low_pass_force(accel_g, low_pass_of(method, options), rate_hz, mass_kg,
                       out.vertical_force_N);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const auto [b, e] = bounds[static_cast<std::size_t>(r)];
            out.peak_vertical_force_N[r] = out.vertical_force_N.segment(b, e - b).maxCoeff();
        }
    } else {
        out.vertical_force_N.resize(0);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const auto [b, e] = bounds[static_cast<std::size_t>(r)];
            const auto [lo, hi] = std::minmax_element(accel_g.begin() + b, accel_g.begin() + e);
            out.peak_vertical_force_N[r] =
                peak_only_N(method, *hi, *lo, mass_kg, options, index[static_cast<std::size_t>(r)]);
        }
    }
    out.peak_vertical_force_bw = out.peak_vertical_force_N / weight_N;
}

/// @brief Throws Error for a peak-only method: the force metrics need a waveform.
inline void require_waveform(AccelMethod method) {
    if (!accel_method_info(method).waveform)
        throw Error("method", std::string(accel_method_info(method).name) +
                                  " gives only a peak force, no waveform to measure; use "
                                  "gurchiek2017 or wundersitz2013");
}

}  // namespace detail

/// @brief vGRF of many stances of one continuous trace into caller-owned @p out (the fast
/// path; @p out's vectors are reused).
///
/// Waveform methods filter the whole trace once (so no stance sees the filter's edge
/// transient) and take each stance's maximum of F = g_n·m·LPF(a); peak-only methods apply
/// their equation to each stance's raw extremes. One row per stance, in the given order.
/// @param method which method  @param vertical_accel_g the whole trace [g], ISB +y, gravity
///        included  @param rate sample rate [Hz]  @param mass body mass [kg]
/// @param stances [begin, end) sample bounds of each stance, 0 ≤ begin < end ≤ samples,
///        at most 2 s each  @param out results  @param options constants and cutoff
/// @throws Error as vgrf_from_accel, naming the offending stance index
inline void vgrf_from_accel_batch(AccelMethod method, std::span<const double> vertical_accel_g,
                                  Frequency rate, Mass mass, std::span<const StanceBounds> stances,
                                  AccelBatch& out, const AccelOptions& options = {}) {
    std::vector<int> index(stances.size());
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = static_cast<int>(i);
    detail::accel_batch(method, vertical_accel_g, rate.value(), mass.value(), stances, index, out,
                        options);
}

/// @brief Value-returning overload of vgrf_from_accel_batch.
inline AccelBatch vgrf_from_accel_batch(AccelMethod method,
                                        std::span<const double> vertical_accel_g, Frequency rate,
                                        Mass mass, std::span<const StanceBounds> stances,
                                        const AccelOptions& options = {}) {
    AccelBatch out;
    vgrf_from_accel_batch(method, vertical_accel_g, rate, mass, stances, out, options);
    return out;
}

/// @brief vgrf_from_accel_batch over the complete stances of a `Stance` list (as
/// detect_stances returns, or built by hand): one row per complete stance, in order, with
/// AccelBatch::stance_index its position in @p stances; incomplete stances give no row.
/// @param stances contacts; [begin, end) are samples of @p vertical_accel_g
/// @throws Error as vgrf_from_accel_batch
inline void vgrf_from_accel_batch(AccelMethod method, std::span<const double> vertical_accel_g,
                                  Frequency rate, Mass mass, std::span<const Stance> stances,
                                  AccelBatch& out, const AccelOptions& options = {}) {
    std::vector<StanceBounds> bounds;
    std::vector<int> index;
    for (std::size_t i = 0; i < stances.size(); ++i)
        if (stances[i].complete) {
            bounds.emplace_back(stances[i].begin, stances[i].end);
            index.push_back(static_cast<int>(i));
        }
    detail::accel_batch(method, vertical_accel_g, rate.value(), mass.value(), bounds, index, out,
                        options);
}

/// @brief Value-returning overload of the `Stance` vgrf_from_accel_batch.
inline AccelBatch vgrf_from_accel_batch(AccelMethod method,
                                        std::span<const double> vertical_accel_g, Frequency rate,
                                        Mass mass, std::span<const Stance> stances,
                                        const AccelOptions& options = {}) {
    AccelBatch out;
    vgrf_from_accel_batch(method, vertical_accel_g, rate, mass, stances, out, options);
    return out;
}

/// @brief The force-data metrics (waveform/metrics.hpp: impact and active peak, loading
/// rates, impulse, mean force) of the vGRF a waveform method estimates from one segmented
/// stance: measure_stance(vgrf_from_accel(...).vertical_N). Impact peak and loading rate are
/// unreliable from these filtered waveforms (Kiernan et al. 2023).
/// @param method gurchiek2017 or wundersitz2013  @param vertical_accel_g stance samples [g]
/// @param rate sample rate [Hz]  @param metrics body mass [kg] (used for the estimate too),
///        gravity for bodyweights, metric definitions  @param options Wundersitz cutoff
/// @return the estimated stance's metrics (contact time = samples / rate)
/// @throws Error for a peak-only method, and as vgrf_from_accel and measure_stance
inline StanceMetrics accel_stance_metrics(AccelMethod method,
                                          std::span<const double> vertical_accel_g, Frequency rate,
                                          const MetricOptions& metrics,
                                          const AccelOptions& options = {}) {
    detail::require_waveform(method);
    const AccelStanceForce f =
        vgrf_from_accel(method, vertical_accel_g, rate, metrics.mass, options);
    return measure_stance(
        std::span<const double>(f.vertical_N.data(), static_cast<std::size_t>(f.vertical_N.size())),
        rate, metrics);
}

/// @brief The force-data metrics of every complete stance of a continuous trace, from the
/// vGRF a waveform method estimates (the whole trace filtered once):
/// stance_metrics(g_n·m·LPF(a), stances). One row per complete stance, as stance_metrics.
/// @param method gurchiek2017 or wundersitz2013  @param vertical_accel_g the whole trace [g]
/// @param rate sample rate [Hz]  @param stances contacts in time order, samples of the trace
/// @param metrics body mass [kg], gravity, definitions  @param options Wundersitz cutoff
/// @return the metrics table (flight and step times from consecutive stances)
/// @throws Error for a peak-only method, and as vgrf_from_accel_batch and stance_metrics
inline StanceTable accel_stance_metrics(AccelMethod method,
                                        std::span<const double> vertical_accel_g, Frequency rate,
                                        std::span<const Stance> stances,
                                        const MetricOptions& metrics,
                                        const AccelOptions& options = {}) {
    detail::require_waveform(method);
    const double rate_hz = rate.value(), mass_kg = metrics.mass.value();
    detail::validate_common(method, vertical_accel_g, rate_hz, mass_kg, options);
    Eigen::VectorXd force_N;
    detail::low_pass_force(vertical_accel_g, detail::low_pass_of(method, options), rate_hz, mass_kg,
                           force_N);
    return stance_metrics(
        std::span<const double>(force_N.data(), static_cast<std::size_t>(force_N.size())), rate,
        stances, metrics);
}

/// @brief Neugebauer et al. 2014 peak vGRF for running: F = exp(c1 + c2·a_max + c3·m).
/// @param peak_vertical_accel peak vertical hip acceleration over stance, gravity included
///        (use g_units(3.0) for a reading of 3 g)  @param mass body mass [kg], [20, 250]
/// @param coefficients original (6.181, 0.055, 0.014) or a Kiernan 2023 refit
/// @return peak vGRF [N]
inline Force neugebauer2014_peak_force(
    Acceleration peak_vertical_accel, Mass mass,
    AccelCoefficients coefficients = AccelCoefficients::original) {
    const double a_g = peak_vertical_accel.value() / standard_gravity_m_s2;
    strideload::detail::validate_accel_mass(mass.value());
    strideload::detail::validate_accel_samples({&a_g, 1}, "peak_vertical_accel_g");
    return newtons(strideload::detail::neugebauer_peak_N(
        a_g, mass.value(), detail::neugebauer_coefficients(coefficients)));
}

/// @brief Meyer et al. 2015 peak vGRF (Kiernan et al. 2023's form): F = g_n·m·a_max, a in g.
/// @param peak_vertical_accel peak vertical hip acceleration over stance, gravity included
/// @param mass body mass [kg], [20, 250]  @return peak vGRF [N]
inline Force meyer2015_peak_force(Acceleration peak_vertical_accel, Mass mass) {
    const double a_g = peak_vertical_accel.value() / standard_gravity_m_s2;
    strideload::detail::validate_accel_mass(mass.value());
    strideload::detail::validate_accel_samples({&a_g, 1}, "peak_vertical_accel_g");
    return newtons(strideload::detail::meyer2015_peak_N(a_g, mass.value()));
}

/// @brief Charry et al. 2013 peak vGRF: F = (s1·m + s2)·log2(1 − a_min) + (i1·m + i2).
/// @param min_axial_accel minimum shank acceleration along the ISB +y (proximal) axis over
///        stance, gravity included, below 1 g  @param mass body mass [kg], [20, 250]
/// @param coefficients original (4.66, −76.6, 24.98, −566.83) or a Kiernan 2023 refit
/// @return peak vGRF [N]
inline Force charry2013_peak_force(Acceleration min_axial_accel, Mass mass,
                                   AccelCoefficients coefficients = AccelCoefficients::original) {
    const double a_g = min_axial_accel.value() / standard_gravity_m_s2;
    strideload::detail::validate_accel_mass(mass.value());
    strideload::detail::validate_accel_samples({&a_g, 1}, "min_axial_accel_g");
    strideload::detail::validate_charry_min(a_g, -1);
    return newtons(strideload::detail::charry_peak_N(a_g, mass.value(),
                                                     detail::charry_coefficients(coefficients)));
}

}  // namespace strideload::waveform
