/// @file
/// Butterworth low- and high-pass filters and zero-phase (forward–backward) filtering, written
/// to give what `scipy.signal.butter`, `lfilter` and `filtfilt` (scipy 1.10, default
/// arguments) give: the coefficients to ~1e-15 and the filtered signal to ~1e-13 relative.
/// As the poles approach z = 1 (high order, cutoff ≪ rate; or z = −1, cutoff near rate/2) the
/// (b, a) form amplifies rounding, scipy's as much as ours (order 8 at cutoff = 0.03·rate agrees
/// to ~1e-8), until the expanded denominator no longer has the designed poles: its rounded
/// coefficients move the roots by more than their distance to the unit circle, and the filter
/// is wrong or unstable (scipy returns such a design without a word: order 8 at 3 Hz and
/// 1000 Hz has DC gain 0.77; order 7 at 1 Hz and 1000 Hz has a root at |z| = 1.003). The design
/// functions therefore bound how far the roots of a lie from the designed poles (Gerschgorin
/// disks around the poles, strideload::detail::tf_pole_error; no root finding, a few µs per
/// design) and throw when the estimated response error exceeds 1 % (max_tf_response_error).
/// That rejects, at cutoff/rate below about: order 8 0.0076, order 7 0.0044, order 6 0.0021,
/// order 5 0.0007 (order 5 at 10 Hz from rate ≈ 14–19 kHz up), order 4 1.3e-4, order 3 1e-5
/// (and the mirror images 0.5 − that near Nyquist); orders 1–2 always pass. Every accepted
/// design reproduces scipy's (b, a); for lower cutoffs filter in second-order sections
/// (`scipy.signal.sosfiltfilt`) or downsample first.
/// Butterworth S (1930) Wireless Engineer 7:536–541 (maximally flat response); the bilinear
/// transform with pre-warping (Oppenheim AV, Schafer RW (2010) Discrete-Time Signal
/// Processing, 3rd ed., §7.2); forward–backward filtering with steady-state initial conditions
/// and odd padding (Gustafsson F (1996) IEEE Trans Signal Process 44:988–992; scipy's
/// defaults). In gait analysis force signals are typically low-passed this way at 20–50 Hz
/// with a 4th-order filter (the effective order after filtfilt is 8 and the −3 dB point of the
/// combined response lies below the nominal cutoff: |H|² per pass is 1/2 at the cutoff).
#pragma once

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <iomanip>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "strideload/detail/butterworth.hpp"
#include "strideload/error.hpp"
#include "strideload/units.hpp"

namespace strideload::waveform {

/// Transfer-function coefficients in scipy's convention: b (numerator), a (denominator),
/// a[0] == 1 for the designs here; H(z) = Σ b_k z^−k / Σ a_k z^−k.
struct FilterCoefficients {
    std::vector<double> b, a;
};

namespace detail {

/// @brief Throws Error unless 1 ≤ order ≤ 8, rate > 0 and 0 < cutoff < rate / 2 (all finite).
inline void validate_design(int order, double cutoff_hz, double rate_hz) {
    if (order < 1 || order > strideload::detail::max_iir_order)
        throw Error("order", static_cast<double>(order), "an integer in [1, 8]");
    if (!(std::isfinite(rate_hz) && rate_hz > 0.0))
        throw Error("rate_hz", rate_hz, "finite and > 0 Hz");
    if (!(std::isfinite(cutoff_hz) && cutoff_hz > 0.0 && cutoff_hz < 0.5 * rate_hz))
        throw Error("cutoff_hz", cutoff_hz,
                    "in (0, rate/2) = (0, " + std::to_string(0.5 * rate_hz) + ") Hz");
}

/// Largest accepted first-order estimate of the relative error of the (b, a) form's frequency
/// response against the zpk design (strideload::detail::PoleError::response_error). Every
/// design of the tests and the accelerometer methods stays below 3e-3 (order 5 at 10 Hz up to
/// 10 kHz, order 8 at 10 Hz and 1 kHz); past the limit the error grows by orders of magnitude
/// within a few percent of cutoff/rate, so the limit hardly moves the boundary.
inline constexpr double max_tf_response_error = 1e-2;

/// @brief Designs and checks that the expanded (b, a) form still has the designed poles; throws
/// Error naming the cutoff when it does not (see butter_lowpass).
inline FilterCoefficients butter(int order, double cutoff_hz, double rate_hz, bool highpass) {
    validate_design(order, cutoff_hz, rate_hz);
    FilterCoefficients c;
    c.b.resize(static_cast<std::size_t>(order + 1));
    c.a.resize(static_cast<std::size_t>(order + 1));
    std::array<strideload::detail::NpComplex, strideload::detail::max_iir_order> poles{};
    strideload::detail::butter_design(order, cutoff_hz, rate_hz, highpass, c.b.data(), c.a.data(),
                                      poles.data());
    const double err =
        strideload::detail::tf_pole_error(c.a.data(), poles.data(), order).response_error;
    if (!(err <= max_tf_response_error)) {
        const bool near_nyquist = cutoff_hz > 0.25 * rate_hz;
        std::ostringstream os;
        os.precision(10);
        os << (near_nyquist ? "farther below rate/2" : "higher") << " for an order-" << order
           << " Butterworth at rate " << rate_hz
           << " Hz in transfer-function (b, a) form: the expanded denominator's roots ";
        if (std::isinf(err))
            os << "leave the designed poles (possibly outside the unit circle: unstable)";
        else
            os << "misplace the designed poles (response error ~" << std::setprecision(2) << err
               << " > " << max_tf_response_error << ")";
        os << "; use a lower order or a " << (near_nyquist ? "lower" : "higher") << " cutoff";
        throw Error("cutoff_hz", cutoff_hz, os.str());
    }
    return c;
}

/// @brief Checks and normalises coefficients for the recursion (divides by a[0], pads the
/// shorter of b and a with zeros, as scipy's lfilter does).
inline strideload::detail::IirTf normalise(const FilterCoefficients& f) {
    if (f.b.empty()) throw Error("b", "must have at least one coefficient");
    if (f.a.empty()) throw Error("a", "must have at least one coefficient");
    const std::size_t taps = std::max(f.a.size(), f.b.size());
    if (taps > static_cast<std::size_t>(strideload::detail::max_iir_order + 1))
        throw Error("coefficients", static_cast<double>(taps),
                    "at most 9 (filter order at most 8)");
    for (std::size_t i = 0; i < f.b.size(); ++i)
        if (!std::isfinite(f.b[i]))
            throw Error(strideload::detail::indexed("b", static_cast<long>(i)), f.b[i], "finite");
    for (std::size_t i = 0; i < f.a.size(); ++i)
        if (!std::isfinite(f.a[i]))
            throw Error(strideload::detail::indexed("a", static_cast<long>(i)), f.a[i], "finite");
    if (f.a[0] == 0.0) throw Error("a[0]", 0.0, "non-zero");
    strideload::detail::IirTf t;
    t.order = static_cast<int>(taps) - 1;
    for (std::size_t i = 0; i < f.b.size(); ++i) t.b[i] = f.b[i] / f.a[0];
    for (std::size_t i = 0; i < f.a.size(); ++i) t.a[i] = f.a[i] / f.a[0];
    return t;
}

/// @brief Throws Error naming the first non-finite sample of @p x.
inline void require_finite(std::span<const double> x, const char* name) {
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]))
            throw Error(strideload::detail::indexed(name, static_cast<long>(i)), x[i], "finite");
}

/// @brief Throws Error unless @p out has x's length and either is x or does not overlap it.
inline void require_output(std::span<const double> x, std::span<double> out) {
    if (out.size() != x.size())
        throw Error("out", static_cast<double>(out.size()),
                    "the length of x (" + std::to_string(x.size()) + ")");
    const double* xb = x.data();
    const double* ob = out.data();
    if (ob != xb && ob < xb + x.size() && xb < ob + out.size())
        throw Error("out", "overlaps x without being x (pass x itself to filter in place)");
}

}  // namespace detail

/// @brief Butterworth low-pass design, == `scipy.signal.butter(order, cutoff_hz, btype='low',
/// fs=rate_hz)`: analog prototype poles −exp(iπ(2k+N+1)/(2N)), cutoff pre-warped to
/// 2·fs·tan(π·Wn/fs) (fs = 2, Wn = 2·cutoff/rate), lp2lp, bilinear transform, zpk → (b, a).
/// The roots of the expanded a are then checked against the designed poles p_i: with
/// W_i = a(p_i) / Π_{j≠i}(p_i − p_j) (a(p_i) in double-double), each root lies within N·|W_i|
/// of its own pole when these disks are disjoint and inside the unit circle, and
/// Σ_i |W_i| / (1 − |p_i|) estimates the largest relative error of the realised frequency
/// response per pass (the errors measured against scipy's sosfiltfilt are 3–30× smaller).
/// @param order N, 1–8  @param cutoff −3 dB frequency [Hz], 0 < cutoff < rate/2
/// @param rate sample rate [Hz]
/// @return (b, a), N + 1 coefficients each, a[0] = 1, unity gain at DC
/// @throws Error when order, cutoff or rate is out of range, or (field "cutoff_hz") when the
///         (b, a) form cannot represent the design: a disk not isolated or not inside the unit
///         circle, or an estimated response error above max_tf_response_error = 1e-2 (see
///         the file comment for the cutoff/rate below which each order fails)
inline FilterCoefficients butter_lowpass(int order, Frequency cutoff, Frequency rate) {
    return detail::butter(order, cutoff.value(), rate.value(), false);
}

/// @brief Butterworth high-pass design, == `scipy.signal.butter(order, cutoff_hz,
/// btype='high', fs=rate_hz)` (lp2hp in place of lp2lp).
/// The denominator, and so the check of butter_lowpass, is the same as the low-pass's.
/// @param order N, 1–8  @param cutoff −3 dB frequency [Hz], 0 < cutoff < rate/2
/// @param rate sample rate [Hz]
/// @return (b, a), a[0] = 1, unity gain at Nyquist
/// @throws Error as butter_lowpass
inline FilterCoefficients butter_highpass(int order, Frequency cutoff, Frequency rate) {
    return detail::butter(order, cutoff.value(), rate.value(), true);
}

/// @brief Samples of odd padding filtfilt adds at each end: 3 × max(len(a), len(b)), scipy's
/// default padlen. The signal must be longer than this.
inline std::size_t filtfilt_padlen(const FilterCoefficients& f) {
    return static_cast<std::size_t>(strideload::detail::filtfilt_padlen(detail::normalise(f)));
}

/// @brief Zero-phase filtering into caller-owned storage, == `scipy.signal.filtfilt(b, a, x)`
/// with its defaults: odd extension of padlen = 3·max(len(a), len(b)) samples at each end,
/// initial state lfilter_zi × first (padded) sample, forward pass, then backward pass from
/// lfilter_zi × last forward output; the padding is dropped.
/// @param x signal (any unit; the output has the same unit), longer than padlen, finite
/// @param f coefficients (order ≤ 8; normalised by a[0])
/// @param out output, x.size() samples; may be x itself (in-place filtering) but must not
///        otherwise overlap it. Unspecified when the call throws.
/// @throws Error for a non-finite sample (naming its index), a signal not longer than padlen,
///         bad coefficients, or a wrong-sized / partially overlapping @p out
inline void filtfilt(std::span<const double> x, const FilterCoefficients& f,
                     std::span<double> out) {
    const strideload::detail::IirTf t = detail::normalise(f);
    detail::require_output(x, out);
    const auto pad = static_cast<std::size_t>(strideload::detail::filtfilt_padlen(t));
    if (x.size() <= pad)
        throw Error("x", static_cast<double>(x.size()),
                    "a signal longer than padlen = " + std::to_string(pad) + " samples");
    // In place, x is gone after the call: check it first. Otherwise a non-finite sample
    // always reaches the final state, so the check waits until something is wrong.
    if (out.data() == x.data()) detail::require_finite(x, "x");
    if (!strideload::detail::filtfilt_kernel(t, x.data(), out.data(),
                                             static_cast<std::ptrdiff_t>(x.size()))) {
        detail::require_finite(x, "x");
        throw Error("x", "the filter overflowed (samples too large for double precision)");
    }
}

/// @brief Value-returning overload of filtfilt (== `scipy.signal.filtfilt(b, a, x)`).
/// @param x signal, longer than padlen  @param f coefficients
/// @return the zero-phase filtered signal, same length and unit as x
/// @throws Error as the overload with an output span
inline Eigen::VectorXd filtfilt(std::span<const double> x, const FilterCoefficients& f) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(x.size()));
    filtfilt(x, f, std::span<double>(y.data(), x.size()));
    return y;
}

/// @brief Causal filtering from a zero state into caller-owned storage, == `scipy.signal.
/// lfilter(b, a, x)`: direct form II transposed, y[n] = b0 x[n] + z0, z_i = b_{i+1} x[n]
/// − a_{i+1} y[n] + z_{i+1}.
/// @param x signal, finite  @param f coefficients (order ≤ 8; normalised by a[0])
/// @param out output, x.size() samples; may be x itself but must not otherwise overlap it
/// @throws Error for a non-finite sample (naming its index), bad coefficients or a bad @p out
inline void lfilter(std::span<const double> x, const FilterCoefficients& f, std::span<double> out) {
    const strideload::detail::IirTf t = detail::normalise(f);
    detail::require_output(x, out);
    // A non-finite sample leaves a non-finite state behind it, so (unless x is overwritten,
    // or there is no state) the samples are checked only when the final state is bad.
    if (out.data() == x.data() || t.order == 0) detail::require_finite(x, "x");
    std::array<double, strideload::detail::max_iir_order> z{};
    strideload::detail::df2t<1>(t, z.data(), x.data(), out.data(),
                                static_cast<std::ptrdiff_t>(x.size()));
    for (int i = 0; i < t.order; ++i) {
        if (!std::isfinite(z[static_cast<std::size_t>(i)])) {
            detail::require_finite(x, "x");
            throw Error("x", "the filter overflowed (samples too large for double precision)");
        }
    }
}

/// @brief Value-returning overload of lfilter (== `scipy.signal.lfilter(b, a, x)`).
/// @param x signal  @param f coefficients  @return the filtered signal
/// @throws Error as the overload with an output span
inline Eigen::VectorXd lfilter(std::span<const double> x, const FilterCoefficients& f) {
    Eigen::VectorXd y(static_cast<Eigen::Index>(x.size()));
    lfilter(x, f, std::span<double>(y.data(), x.size()));
    return y;
}

/// @brief Butterworth low-pass applied forward and backward, == `scipy.signal.filtfilt(
/// *scipy.signal.butter(order, cutoff_hz, fs=rate_hz), x)`.
/// @param x signal, longer than 3·(order + 1) samples  @param order N, 1–8
/// @param cutoff [Hz], 0 < cutoff < rate/2  @param rate sample rate [Hz]
/// @return the zero-phase filtered signal
/// @throws Error for a bad design or signal (see butter_lowpass, filtfilt)
inline Eigen::VectorXd lowpass_filtfilt(std::span<const double> x, int order, Frequency cutoff,
                                        Frequency rate) {
    return filtfilt(x, butter_lowpass(order, cutoff, rate));
}

}  // namespace strideload::waveform
