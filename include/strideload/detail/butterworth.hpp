/// @file
/// Kernels of the Butterworth filter on plain doubles: the design (analog prototype, bilinear
/// transform, polynomial expansion) written operation for operation as scipy 1.10 does it
/// (`scipy.signal.butter` → `buttap`, `lp2lp_zpk`/`lp2hp_zpk`, `bilinear_zpk`, `zpk2tf`), and
/// the direct-form-II-transposed recursion of `scipy.signal.lfilter` with `lfilter_zi` and the
/// odd extension of `scipy.signal.filtfilt`. Butterworth S (1930) "On the theory of filter
/// amplifiers", Wireless Engineer 7:536–541; Gustafsson F (1996) "Determining the initial
/// states in forward-backward filtering", IEEE Trans Signal Process 44:988–992 (the
/// steady-state initial conditions filtfilt uses).
///
/// Long signals are filtered block-parallel: the signal is cut into chunks that are filtered
/// from a zero state side by side (independent recursions, so the CPU overlaps them), the true
/// state at each chunk boundary is then carried across the chunks with the L-step transition
/// matrix, and each chunk's output is corrected by the zero-input response of that state. This
/// is the same linear map as the sequential recursion; it differs from it (and from scipy) only
/// by rounding. Short signals take the sequential recursion, whose operations are scipy's.
#pragma once

#include <Eigen/Core>
#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <limits>
#include <numbers>
#include <vector>

#include "strideload/detail/kernel.hpp"

namespace strideload::detail {

/// Highest filter order (number of delay states) the IIR kernels take.
inline constexpr int max_iir_order = 8;

/// A complex number with numpy's arithmetic, so that the design rounds as scipy's does.
struct NpComplex {
    double re = 0.0, im = 0.0;
};
/// numpy's complex product.
inline NpComplex np_mul(NpComplex x, NpComplex y) {
    return {x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re};
}
/// numpy's complex quotient (Smith's algorithm with a reciprocal, numpy 1.24 `CDOUBLE_divide`).
inline NpComplex np_div(NpComplex x, NpComplex y) {
    if (std::abs(y.re) >= std::abs(y.im)) {
        const double rat = y.im / y.re;
        const double scl = 1.0 / (y.re + y.im * rat);
        return {(x.re + x.im * rat) * scl, (x.im - x.re * rat) * scl};
    }
    const double rat = y.re / y.im;
    const double scl = 1.0 / (y.im + y.re * rat);
    return {(x.re * rat + x.im) * scl, (x.im * rat - x.re) * scl};
}

/// @brief Digital Butterworth low- or high-pass design, as `scipy.signal.butter(order,
/// cutoff_hz, btype, fs=rate_hz)` returns (b, a). Inputs are assumed valid (1 ≤ order ≤ 8,
/// 0 < cutoff < rate/2).
/// @param order filter order N  @param cutoff_hz −3 dB frequency [Hz]  @param rate_hz [Hz]
/// @param highpass false for low-pass  @param b numerator, N + 1 values (out)
/// @param a denominator, N + 1 values, a[0] = 1 (out)
/// @param poles the N digital poles of the design, the roots a should have (out; optional)
inline void butter_design(int order, double cutoff_hz, double rate_hz, bool highpass, double* b,
                          double* a, NpComplex* poles = nullptr) {
    if (order < 1 || order > max_iir_order) return;  // the callers validate; bounds the loops
    const int n = order;
    // iirfilter: Wn normalised to Nyquist, then pre-warped with fs = 2.
    const double wn = 2.0 * cutoff_hz / rate_hz;
    const double warped = 2.0 * 2.0 * std::tan(std::numbers::pi * wn / 2.0);
    // buttap: p = -exp(1j*pi*m/(2N)), m = -N+1, -N+3, ..., N-1 (numpy divides by 2N through
    // its reciprocal).
    std::array<NpComplex, max_iir_order> p{};
    const double inv_2n = 1.0 / static_cast<double>(2 * n);
    for (int i = 0; i < n; ++i) {
        const double theta = std::numbers::pi * static_cast<double>(-n + 1 + 2 * i) * inv_2n;
        p[static_cast<std::size_t>(i)] = {-std::cos(theta), -std::sin(theta)};
    }
    double k = 1.0;
    int degree = 0;  // zeros at infinity of the analog filter
    if (!highpass) {
        // lp2lp_zpk: p *= wo, k *= wo**degree.
        for (int i = 0; i < n; ++i) {
            auto& q = p[static_cast<std::size_t>(i)];
            q = {warped * q.re, warped * q.im};
        }
        k = std::pow(warped, n);
        degree = n;
    } else {
        // lp2hp_zpk: p = wo / p, zeros at the origin, k *= real(prod(-z) / prod(-p)).
        NpComplex prod{1.0, 0.0};
        for (int i = 0; i < n; ++i) {
            auto& q = p[static_cast<std::size_t>(i)];
            prod = i == 0 ? NpComplex{-q.re, -q.im} : np_mul(prod, {-q.re, -q.im});
            q = np_div({warped, 0.0}, q);
        }
        k = np_div({1.0, 0.0}, prod).re;
    }
    // bilinear_zpk with fs = 2: p_z = (4 + p) / (4 - p); analog zeros at infinity go to
    // z = -1 (low-pass), zeros at the origin to z = +1 (high-pass);
    // k_z = k * real(prod(4 - z) / prod(4 - p)).
    constexpr double fs2 = 4.0;
    NpComplex prod{1.0, 0.0};
    for (int i = 0; i < n; ++i) {
        auto& q = p[static_cast<std::size_t>(i)];
        const NpComplex den{fs2 - q.re, -q.im};
        prod = i == 0 ? den : np_mul(prod, den);
        q = np_div({fs2 + q.re, q.im}, den);
    }
    const double num = degree == n ? 1.0 : std::pow(fs2, n);
    const double kz = k * np_div({num, 0.0}, prod).re;
    // zpk2tf: b = k * poly(zeros) (binomial, exact), a = poly(poles) by successive
    // convolution with [1, -p].
    double binom = 1.0;
    for (int i = 0; i <= n; ++i) {
        const double sign = (highpass && (i % 2 == 1)) ? -1.0 : 1.0;
        b[i] = kz * (sign * binom);
        binom = binom * static_cast<double>(n - i) / static_cast<double>(i + 1);
    }
    std::array<NpComplex, max_iir_order + 1> poly{};
    poly[0] = {1.0, 0.0};
    for (int i = 0; i < n; ++i) {
        const NpComplex mz{-p[static_cast<std::size_t>(i)].re, -p[static_cast<std::size_t>(i)].im};
        // convolve(poly, [1, -z]): new[j] = poly[j-1] * (-z) + poly[j] * 1, highest first.
        poly[static_cast<std::size_t>(i + 1)] = np_mul(poly[static_cast<std::size_t>(i)], mz);
        for (int j = i; j >= 1; --j) {
            const auto uj = static_cast<std::size_t>(j);
            const NpComplex t = np_mul(poly[uj - 1], mz);
            poly[uj] = {t.re + poly[uj].re, t.im + poly[uj].im};
        }
    }
    for (int i = 0; i <= n; ++i) a[i] = poly[static_cast<std::size_t>(i)].re;
    if (poles != nullptr)
        for (int i = 0; i < n; ++i) poles[i] = p[static_cast<std::size_t>(i)];
}

/// A double-double number hi + lo (|lo| ≤ ulp(hi)/2), ~106 significant bits.
struct DoubleDouble {
    double hi = 0.0, lo = 0.0;
};
/// Knuth's TwoSum: x + y exactly, as a double-double.
inline DoubleDouble dd_add(DoubleDouble x, DoubleDouble y) {
    const double s = x.hi + y.hi;
    const double v = s - x.hi;
    const double e = (x.hi - (s - v)) + (y.hi - v) + x.lo + y.lo;
    const double hi = s + e;
    return {hi, e - (hi - s)};
}
/// x · y with the product's rounding error recovered by a fused multiply-add.
inline DoubleDouble dd_mul(DoubleDouble x, double y) {
    const double p = x.hi * y;
    const double e = std::fma(x.hi, y, -p) + x.lo * y;
    const double hi = p + e;
    return {hi, e - (hi - p)};
}

/// How far the roots of an expanded denominator lie from the poles it was expanded from.
struct PoleError {
    /// Σ_i |W_i| / (1 − |p_i|): first-order estimate of the largest relative error, over all
    /// frequencies, of the denominator's frequency response (each root r_i ≈ p_i − W_i, and
    /// |e^{jω} − p_i| ≥ 1 − |p_i|); infinite when a disk below is not isolated or not inside
    /// the unit circle
    double response_error = 0.0;
    /// max_i N·|W_i|: every root lies within this of its own pole (rigorous, given isolation)
    double max_root_distance = 0.0;
};

/// @brief Where the roots of the monic polynomial a (N + 1 coefficients, a[0] = 1) lie
/// relative to the distinct points p (the poles a was expanded from), without root finding.
/// With the Weierstrass corrections W_i = a(p_i) / Π_{j≠i} (p_i − p_j), a(z) is the
/// characteristic polynomial of diag(p) − W·1ᵀ (Lagrange interpolation at the p_i), so by
/// Gerschgorin's theorem its roots lie in the disks |z − p_i| ≤ N·|W_i|, and a disk disjoint
/// from the others holds exactly one root (Smith BT (1970) J ACM 17:661–674). a(p_i) is
/// evaluated in double-double arithmetic: the rounding of the coefficients themselves, which is
/// what is measured, is ~1e-16 of their size, so plain Horner could not see it.
/// @param a denominator, a[0] = 1  @param p the N poles, |p_i| < 1  @param n N, 1–8
/// @return the response error estimate (infinite unless each disk is isolated and inside the
/// unit circle) and the largest disk radius
inline PoleError tf_pole_error(const double* a, const NpComplex* p, int n) {
    if (n < 1 || n > max_iir_order) {  // the callers validate; bounds the loops
        constexpr double inf = std::numeric_limits<double>::infinity();
        return {inf, inf};
    }
    std::array<double, max_iir_order> radius{}, w{};
    for (int i = 0; i < n; ++i) {
        const double zr = p[i].re, zi = p[i].im;
        DoubleDouble sr{a[0], 0.0}, si{};
        for (int k = 1; k <= n; ++k) {
            const DoubleDouble re =
                dd_add(dd_add(dd_mul(sr, zr), dd_mul(si, -zi)), DoubleDouble{a[k], 0.0});
            si = dd_add(dd_mul(sr, zi), dd_mul(si, zr));
            sr = re;
        }
        std::complex<double> d{1.0, 0.0};
        for (int j = 0; j < n; ++j)
            if (j != i) d *= std::complex<double>{zr - p[j].re, zi - p[j].im};
        const auto u = static_cast<std::size_t>(i);
        w[u] = std::abs(std::complex<double>{sr.hi + sr.lo, si.hi + si.lo} / d);
        radius[u] = static_cast<double>(n) * w[u];
    }
    PoleError e;
    for (int i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const double margin = 1.0 - std::hypot(p[i].re, p[i].im);
        bool isolated = std::isfinite(radius[u]) && radius[u] < margin;
        for (int j = 0; j < n; ++j)
            if (j != i)
                isolated = isolated && radius[u] + radius[static_cast<std::size_t>(j)] <
                                           std::hypot(p[i].re - p[j].re, p[i].im - p[j].im);
        e.response_error =
            isolated ? e.response_error + w[u] / margin : std::numeric_limits<double>::infinity();
        e.max_root_distance = std::max(e.max_root_distance, radius[u]);
    }
    return e;
}

/// A transfer function normalised for the recursion: a[0] = 1, b and a zero-padded to
/// order + 1 coefficients (scipy's lfilter does the same).
struct IirTf {
    int order = 0;                              ///< number of delay states N
    std::array<double, max_iir_order + 1> b{};  ///< numerator / a[0]
    std::array<double, max_iir_order + 1> a{};  ///< denominator / a[0]
};

/// @brief lfilter_zi: the state of the recursion in steady state for a unit step input,
/// solving (I − Aᵀ) zi = b[1:] − a[1:] b[0] (A the companion matrix of a) by LU with partial
/// pivoting, as scipy's `lfilter_zi` does with `numpy.linalg.solve`.
inline std::array<double, max_iir_order> lfilter_zi(const IirTf& f) {
    std::array<double, max_iir_order> zi{};
    const int n = f.order;
    if (n == 0) return zi;
    using Mat =
        Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, max_iir_order, max_iir_order>;
    using Vec = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, max_iir_order, 1>;
    Mat m = Mat::Identity(n, n);
    Vec rhs(n);
    for (int i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(i + 1);
        m(i, 0) += f.a[u];
        if (i + 1 < n) m(i, i + 1) -= 1.0;
        rhs(i) = f.b[u] - f.a[u] * f.b[0];
    }
    const Vec z = m.partialPivLu().solve(rhs);
    for (int i = 0; i < n; ++i) zi[static_cast<std::size_t>(i)] = z(i);
    return zi;
}

/// @brief The DF2T recursion of scipy's lfilter over n samples, x[k·Step] → y[k·Step], with
/// state @p z (in: initial, out: final). y may be x (each sample is read before it is
/// written). Operation order as scipy's: y = z0 + b0 x; z_i = z_{i+1} + x b_{i+1} − y a_{i+1}.
template <int N, int Step>
[[gnu::always_inline]] inline void df2t_sequential(const IirTf& f, double* z, const double* x,
                                                   double* y, std::ptrdiff_t n) {
    double b[N + 1], a[N + 1], s[N > 0 ? N : 1];
    for (int i = 0; i <= N; ++i) {
        b[i] = f.b[static_cast<std::size_t>(i)];
        a[i] = f.a[static_cast<std::size_t>(i)];
    }
    for (int i = 0; i < N; ++i) s[i] = z[i];
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const double xn = x[k * Step];
        if constexpr (N == 0) {
            y[k * Step] = xn * b[0];
        } else {
            const double yn = s[0] + b[0] * xn;
            for (int i = 0; i + 1 < N; ++i) s[i] = s[i + 1] + xn * b[i + 1] - yn * a[i + 1];
            s[N - 1] = xn * b[N] - yn * a[N];
            y[k * Step] = yn;
        }
    }
    for (int i = 0; i < N; ++i) z[i] = s[i];
}

/// Number of chunks filtered side by side in the block-parallel recursion.
inline constexpr int iir_lanes = 8;
/// Target chunk length [samples] of the block-parallel recursion.
inline constexpr std::ptrdiff_t iir_chunk = 8192;
/// Signals shorter than this take the sequential recursion.
inline constexpr std::ptrdiff_t iir_parallel_min = 2 * iir_lanes * iir_chunk;

/// @brief Phase 1 of the block-parallel recursion: iir_lanes chunks of @p len samples, the
/// w-th starting at sample w·len, each filtered from a zero state; writes the zero-state
/// outputs to y and each chunk's final state to final_state[i·iir_lanes + w]. The chunks are
/// the lanes of two 4-wide vectors (GCC/Clang vector extensions, which GCC's auto-vectoriser
/// does not find on its own here: 2.5× faster); other compilers get the plain loop.
template <int N, int Step>
[[gnu::always_inline]] inline void df2t_lanes(const IirTf& f, const double* x, double* y,
                                              std::ptrdiff_t len, double* final_state) {
    constexpr int W = iir_lanes;
#if defined(__GNUC__)
    static_assert(W == 8, "two 4-wide vectors");
    using v4 = double __attribute__((vector_size(32)));
    v4 b[N + 1], a[N + 1];
    for (int i = 0; i <= N; ++i) {
        b[i] = v4{} + f.b[static_cast<std::size_t>(i)];
        a[i] = v4{} + f.a[static_cast<std::size_t>(i)];
    }
    v4 s0[N] = {}, s1[N] = {};  // states of chunks 0–3 and 4–7
    auto at = [len](int w, std::ptrdiff_t k) { return (w * len + k) * Step; };
    for (std::ptrdiff_t k = 0; k < len; ++k) {
        const v4 x0{x[at(0, k)], x[at(1, k)], x[at(2, k)], x[at(3, k)]};
        const v4 x1{x[at(4, k)], x[at(5, k)], x[at(6, k)], x[at(7, k)]};
        const v4 y0 = s0[0] + b[0] * x0;
        const v4 y1 = s1[0] + b[0] * x1;
        for (int i = 0; i + 1 < N; ++i) {
            s0[i] = s0[i + 1] + x0 * b[i + 1] - y0 * a[i + 1];
            s1[i] = s1[i + 1] + x1 * b[i + 1] - y1 * a[i + 1];
        }
        s0[N - 1] = x0 * b[N] - y0 * a[N];
        s1[N - 1] = x1 * b[N] - y1 * a[N];
        for (int l = 0; l < 4; ++l) {
            y[at(l, k)] = y0[l];
            y[at(4 + l, k)] = y1[l];
        }
    }
    for (int i = 0; i < N; ++i)
        for (int l = 0; l < 4; ++l) {
            final_state[i * W + l] = s0[i][l];
            final_state[i * W + 4 + l] = s1[i][l];
        }
#else
    double b[N + 1], a[N + 1];
    for (int i = 0; i <= N; ++i) {
        b[i] = f.b[static_cast<std::size_t>(i)];
        a[i] = f.a[static_cast<std::size_t>(i)];
    }
    double s[N][W] = {};
    for (std::ptrdiff_t k = 0; k < len; ++k) {
        double xv[W], yv[W];
        for (int w = 0; w < W; ++w) xv[w] = x[(w * len + k) * Step];
        for (int w = 0; w < W; ++w) yv[w] = s[0][w] + b[0] * xv[w];
        for (int i = 0; i + 1 < N; ++i)
            for (int w = 0; w < W; ++w) s[i][w] = s[i + 1][w] + xv[w] * b[i + 1] - yv[w] * a[i + 1];
        for (int w = 0; w < W; ++w) s[N - 1][w] = xv[w] * b[N] - yv[w] * a[N];
        for (int w = 0; w < W; ++w) y[(w * len + k) * Step] = yv[w];
    }
    for (int i = 0; i < N; ++i)
        for (int w = 0; w < W; ++w) final_state[i * W + w] = s[i][w];
#endif
}

/// @brief Zero-input responses of the recursion over @p len samples from each unit state e_j:
/// the outputs g[j·len + k] (k < len) and the transition matrix phi (N×N, column-major, the
/// state after len samples from e_j in column j). @return the number of leading samples after
/// which every |g| stays below 1e-19 × max|g| (later samples need no correction).
template <int N>
inline std::ptrdiff_t df2t_zero_input(const IirTf& f, std::ptrdiff_t len, double* g, double* phi) {
    double peak = 0.0;
    for (int j = 0; j < N; ++j) {
        double s[N] = {};
        s[j] = 1.0;
        double* gj = g + j * len;
        for (std::ptrdiff_t k = 0; k < len; ++k) {
            const double yn = s[0];
            for (int i = 0; i + 1 < N; ++i)
                s[i] = s[i + 1] - yn * f.a[static_cast<std::size_t>(i + 1)];
            s[N - 1] = -yn * f.a[static_cast<std::size_t>(N)];
            gj[k] = yn;
            peak = std::max(peak, std::abs(yn));
        }
        for (int i = 0; i < N; ++i) phi[j * N + i] = s[i];
    }
    const double floor = 1e-19 * peak;
    std::ptrdiff_t used = len;
    while (used > 0) {
        bool small = true;
        for (int j = 0; j < N; ++j) small = small && std::abs(g[j * len + used - 1]) <= floor;
        if (!small) break;
        --used;
    }
    return used;
}

/// @brief The recursion over n samples, x[k·Step] → y[k·Step] (y may be x), from state z
/// (in: initial, out: final): block-parallel when n ≥ iir_parallel_min, else sequential.
template <int N, int Step>
[[gnu::always_inline]] inline void df2t_run(const IirTf& f, double* z, const double* x, double* y,
                                            std::ptrdiff_t n) {
    if constexpr (N == 0) {
        df2t_sequential<0, Step>(f, z, x, y, n);
    } else {
        if (n < iir_parallel_min) {
            df2t_sequential<N, Step>(f, z, x, y, n);
            return;
        }
        constexpr int W = iir_lanes;
        const std::ptrdiff_t groups = n / (W * iir_chunk);
        const std::ptrdiff_t chunks = groups * W;
        const std::ptrdiff_t len = n / chunks;
        // One allocation: zero-input responses, transition matrix, chunk states.
        std::vector<double> work(static_cast<std::size_t>(N * len + N * N + 2 * N * chunks));
        double* g = work.data();
        double* phi = g + N * len;
        double* fin = phi + N * N;         // zero-state final state of each chunk
        double* start = fin + N * chunks;  // true initial state of each chunk
        const std::ptrdiff_t used = df2t_zero_input<N>(f, len, g, phi);
        for (std::ptrdiff_t gi = 0; gi < groups; ++gi) {
            const std::ptrdiff_t off = gi * W * len * Step;
            double lane_state[N * W];
            df2t_lanes<N, Step>(f, x + off, y + off, len, lane_state);
            for (int w = 0; w < W; ++w)
                for (int i = 0; i < N; ++i) fin[(gi * W + w) * N + i] = lane_state[i * W + w];
        }
        // Carry the true state across the chunk boundaries: s_{c+1} = Φ s_c + f_c.
        double s[N];
        for (int i = 0; i < N; ++i) s[i] = z[i];
        for (std::ptrdiff_t c = 0; c < chunks; ++c) {
            double next[N];
            for (int i = 0; i < N; ++i) {
                start[c * N + i] = s[i];
                next[i] = fin[c * N + i];
            }
            for (int j = 0; j < N; ++j)
                for (int i = 0; i < N; ++i) next[i] += phi[j * N + i] * s[j];
            for (int i = 0; i < N; ++i) s[i] = next[i];
        }
        // Add each chunk's zero-input response to its true initial state.
        for (std::ptrdiff_t c = 0; c < chunks; ++c) {
            double* yc = y + c * len * Step;
            const double* sc = start + c * N;
            for (std::ptrdiff_t k = 0; k < used; ++k) {
                double acc = 0.0;
                for (int j = 0; j < N; ++j) acc += g[j * len + k] * sc[j];
                yc[k * Step] += acc;
            }
        }
        for (int i = 0; i < N; ++i) z[i] = s[i];
        const std::ptrdiff_t done = chunks * len;
        df2t_sequential<N, Step>(f, z, x + done * Step, y + done * Step, n - done);
    }
}

/// @brief Forward (Step = 1) or backward (Step = −1) recursion over n samples starting at
/// x[0], dispatched on the order. See df2t_run.
template <int Step>
STRIDELOAD_KERNEL inline void df2t(const IirTf& f, double* z, const double* x, double* y,
                                   std::ptrdiff_t n) {
    switch (f.order) {
        case 0:
            return df2t_run<0, Step>(f, z, x, y, n);
        case 1:
            return df2t_run<1, Step>(f, z, x, y, n);
        case 2:
            return df2t_run<2, Step>(f, z, x, y, n);
        case 3:
            return df2t_run<3, Step>(f, z, x, y, n);
        case 4:
            return df2t_run<4, Step>(f, z, x, y, n);
        case 5:
            return df2t_run<5, Step>(f, z, x, y, n);
        case 6:
            return df2t_run<6, Step>(f, z, x, y, n);
        case 7:
            return df2t_run<7, Step>(f, z, x, y, n);
        default:
            return df2t_run<8, Step>(f, z, x, y, n);
    }
}

/// Padding length of scipy's filtfilt defaults: 3 × max(len(a), len(b)).
inline std::ptrdiff_t filtfilt_padlen(const IirTf& f) { return 3 * (f.order + 1); }

/// @brief scipy.signal.filtfilt(b, a, x) with padtype='odd', the default padlen, and
/// lfilter_zi initial conditions: forward over the odd extension, backward over the result.
/// The extensions are never materialised with the signal: they are built (2·padlen values)
/// before @p out is written, so out may be x. Requires n > padlen.
/// @return the final state of the backward pass is finite (false: a non-finite sample or an
/// overflow somewhere in the signal)
inline bool filtfilt_kernel(const IirTf& f, const double* x, double* out, std::ptrdiff_t n) {
    const std::ptrdiff_t pad = filtfilt_padlen(f);
    std::array<double, 3 * (max_iir_order + 1)> left{}, right{}, tail{};
    // odd_ext: left = 2 x0 − x[pad..1], right = 2 x[n−1] − x[n−2..n−1−pad].
    for (std::ptrdiff_t i = 0; i < pad; ++i) {
        left[static_cast<std::size_t>(i)] = 2.0 * x[0] - x[pad - i];
        right[static_cast<std::size_t>(i)] = 2.0 * x[n - 1] - x[n - 2 - i];
    }
    const std::array<double, max_iir_order> zi = lfilter_zi(f);
    const int order = f.order;
    std::array<double, max_iir_order> z{};
    for (int i = 0; i < order; ++i)
        z[static_cast<std::size_t>(i)] = zi[static_cast<std::size_t>(i)] * left[0];
    std::array<double, 3 * (max_iir_order + 1)> discard{};
    df2t<1>(f, z.data(), left.data(), discard.data(), pad);
    df2t<1>(f, z.data(), x, out, n);
    df2t<1>(f, z.data(), right.data(), tail.data(), pad);
    const double y0 = tail[static_cast<std::size_t>(pad - 1)];
    for (int i = 0; i < order; ++i)
        z[static_cast<std::size_t>(i)] = zi[static_cast<std::size_t>(i)] * y0;
    df2t<-1>(f, z.data(), tail.data() + pad - 1, discard.data() + pad - 1, pad);
    df2t<-1>(f, z.data(), out + n - 1, out + n - 1, n);
    bool finite = std::isfinite(y0);
    for (int i = 0; i < order; ++i)
        finite = finite && std::isfinite(z[static_cast<std::size_t>(i)]);
    return finite;
}

}  // namespace strideload::detail
