/// @file
/// The result types every per-step GRF model returns: `StepLoad` for one step (Boost.Units
/// quantities) and `StepBatch` for many (SI columns), plus `StepBatchInput`, the read-only SI
/// views the batch functions take. A step is one foot contact; "peak" is per foot contact.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "strideload/athlete.hpp"
#include "strideload/stride.hpp"
#include "strideload/units.hpp"

namespace strideload::grf {

/// Loads of one step (one foot contact). Fields a model does not give are empty.
struct StepLoad {
    std::string_view model;                       ///< model name, e.g. "morin2005"
    Force peak_vertical_force;                    ///< peak vertical GRF of the contact [N]
    double peak_vertical_force_bw = 0.0;          ///< peak vertical GRF in bodyweights (m·g)
    Force mean_vertical_force;                    ///< vertical GRF averaged over contact [N]
    Impulse vertical_impulse;                     ///< ∫ vertical GRF over contact [N·s]
    Time contact_time;                            ///< [s]
    Time flight_time;                             ///< [s]
    Time step_time;                               ///< contact + flight [s]
    std::optional<Stiffness> vertical_stiffness;  ///< peak force / CoM displacement [N/m]
    std::optional<Stiffness> leg_stiffness;       ///< peak force / leg compression [N/m]
    std::optional<Length> com_displacement;       ///< peak downward CoM displacement [m]
    std::optional<Length> leg_compression;        ///< peak leg-spring compression [m]
    std::optional<Force> impact_peak_force;       ///< vertical impact peak [N]
    std::optional<Time> time_of_peak;             ///< time of the active peak after touchdown [s]
    std::optional<Force> peak_braking_force;      ///< magnitude of the peak braking GRF [N]
    std::optional<Force> peak_propulsive_force;   ///< peak propulsive GRF [N]
    std::optional<Impulse> horizontal_impulse;    ///< braking (= propulsive) impulse [N·s]
    std::optional<Force> peak_horizontal_force_corrected;  ///< burns_hgrf speed-corrected [N]
    std::optional<Speed> contact_speed;         ///< mean horizontal speed in contact [m/s]
    std::optional<PlaneAngle> touchdown_angle;  ///< leg angle from vertical at touchdown
};

/// Read-only views of n steps in SI units: the batch functions' input. Every span has the
/// same length; nothing is copied. The same array may serve as two inputs, but no input may
/// overlap the StepBatch the call writes (the kernels read through `__restrict`), and the
/// arrays must not change during the call. Eigen vectors: `span_of(v)`.
struct StepBatchInput {
    std::span<const double> mass_kg;              ///< [kg]
    std::span<const double> speed_m_s;            ///< [m/s]
    std::span<const double> contact_time_s;       ///< [s]
    std::span<const double> flight_time_s;        ///< [s]
    std::span<const double> leg_length_m;         ///< [m]
    double gravity_m_s2 = standard_gravity_m_s2;  ///< [m/s²]

    /// @brief Number of steps; throws Error when the spans differ in length.
    /// @param uses_speed_and_leg false for models that need neither speed nor leg length:
    ///        those two spans may then be empty
    std::size_t size(bool uses_speed_and_leg = true) const {
        const std::size_t n = mass_kg.size();
        auto same = [n](std::span<const double> s, const char* name, bool optional) {
            if (s.size() != n && !(optional && s.empty()))
                throw Error(name, static_cast<double>(s.size()),
                            "an array of the same length as mass_kg (" + std::to_string(n) + ")");
        };
        same(speed_m_s, "speed_m_s", !uses_speed_and_leg);
        same(contact_time_s, "contact_time_s", false);
        same(flight_time_s, "flight_time_s", false);
        same(leg_length_m, "leg_length_m", !uses_speed_and_leg);
        return n;
    }
};

/// @brief A read-only span over a contiguous Eigen vector of doubles (VectorXd, ArrayXd), for
/// StepBatchInput. The span views the vector's storage: keep the vector alive.
template <class Derived>
std::span<const double> span_of(const Eigen::PlainObjectBase<Derived>& v) {
    static_assert(bool(Derived::IsVectorAtCompileTime) &&
                      int(Derived::InnerStrideAtCompileTime) == 1 &&
                      std::is_same_v<typename Derived::Scalar, double>,
                  "span_of needs a contiguous vector of doubles");
    return {v.data(), static_cast<std::size_t>(v.size())};
}

/// Results for n steps, one SI column per quantity. Caller-owned: pass the same object again
/// and its storage is reused. Columns a model does not give have size 0. When a batch call
/// throws, the contents are unspecified.
struct StepBatch {
    Eigen::VectorXd peak_vertical_force_N;              ///< [N]
    Eigen::VectorXd peak_vertical_force_bw;             ///< peak / (m g) [BW]
    Eigen::VectorXd mean_vertical_force_N;              ///< [N]
    Eigen::VectorXd vertical_impulse_Ns;                ///< [N·s]
    Eigen::VectorXd vertical_stiffness_N_per_m;         ///< [N/m]
    Eigen::VectorXd leg_stiffness_N_per_m;              ///< [N/m]
    Eigen::VectorXd com_displacement_m;                 ///< [m]
    Eigen::VectorXd leg_compression_m;                  ///< [m]
    Eigen::VectorXd impact_peak_force_N;                ///< [N]
    Eigen::VectorXd time_of_peak_s;                     ///< [s]
    Eigen::VectorXd peak_braking_force_N;               ///< [N]
    Eigen::VectorXd peak_propulsive_force_N;            ///< [N]
    Eigen::VectorXd horizontal_impulse_Ns;              ///< [N·s]
    Eigen::VectorXd peak_horizontal_force_corrected_N;  ///< [N]
    Eigen::VectorXd contact_speed_m_s;                  ///< [m/s]
    Eigen::VectorXd touchdown_angle_rad;                ///< [rad]

    /// @brief Empties every column (keeps nothing allocated).
    void clear() { *this = StepBatch{}; }
};

namespace detail {
/// @brief Asks Linux to back the 2 MiB-aligned interior of a fresh column of at least 4 MiB
/// with transparent huge pages, as numpy does for its own arrays: the kernel's first writes then
/// fault once per 2 MiB instead of once per 4 KiB, which for a new 1M-step column costs more
/// than the arithmetic. A no-op elsewhere, and harmless when THP is off.
inline void prefer_huge_pages(double* data, std::size_t n) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
    if (n * sizeof(double) < 2 * huge) return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data + n)) & ~(huge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)n;
#endif
}

/// Resizes @p column to n only when needed, so a reused StepBatch does not reallocate.
inline double* column(Eigen::VectorXd& col, std::size_t n) {
    if (col.size() != static_cast<Eigen::Index>(n)) {
        col.resize(static_cast<Eigen::Index>(n));
        prefer_huge_pages(col.data(), n);
    }
    return col.data();
}
/// Fills the bodyweight column from the force column, for the models whose kernels do not.
inline void fill_peak_bw(StepBatch& out, const StepBatchInput& in) {
    const auto n = out.peak_vertical_force_N.size();
    double* bw = column(out.peak_vertical_force_bw, static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
        bw[i] = out.peak_vertical_force_N[i] /
                (in.mass_kg[static_cast<std::size_t>(i)] * in.gravity_m_s2);
}
/// Releases a column the model does not give.
inline void drop(Eigen::VectorXd& col) { col.resize(0); }

/// Fills the timing fields and bodyweight ratio of a StepLoad.
inline void fill_common(StepLoad& r, const Athlete& a, const Stride& s, Acceleration g) {
    r.contact_time = s.contact_time;
    r.flight_time = s.flight_time;
    r.step_time = s.step_time();
    r.peak_vertical_force_bw = (r.peak_vertical_force / (a.mass * g)).value();
}

/// Validates one (athlete, stride, gravity) triple.
inline void validate_scalar(const Athlete& a, const Stride& s, Acceleration g) {
    a.validate();
    s.validate();
    strideload::detail::validate_gravity(g.value());
}
}  // namespace detail

}  // namespace strideload::grf

namespace strideload::grf {

/// A force–time waveform over one contact, sampled at t = k / rate < tc, k = 0, 1, …
struct Waveform {
    Eigen::VectorXd time_s;        ///< sample times after touchdown [s]
    Eigen::VectorXd vertical_N;    ///< vertical GRF [N]
    Eigen::VectorXd horizontal_N;  ///< anterior-posterior GRF [N] (+ propulsive), or empty
};

namespace detail {

/// @brief Sample times over a contact of @p contact_time_s at @p rate_hz; throws Error unless
/// the rate is in [10 Hz, 1 MHz].
inline Eigen::VectorXd sample_times(double contact_time_s, double rate_hz) {
    if (!(rate_hz >= 10.0 && rate_hz <= 1e6)) throw Error("rate_hz", rate_hz, "in [10, 1e6] Hz");
    const auto n =
        static_cast<Eigen::Index>(strideload::detail::sample_count(contact_time_s, rate_hz));
    Eigen::VectorXd t(n);
    for (Eigen::Index k = 0; k < n; ++k) t[k] = static_cast<double>(k) / rate_hz;
    return t;
}

/// Every column of StepBatch, as member pointers.
inline constexpr std::array<Eigen::VectorXd StepBatch::*, 16> all_columns{
    &StepBatch::peak_vertical_force_N,      &StepBatch::peak_vertical_force_bw,
    &StepBatch::mean_vertical_force_N,      &StepBatch::vertical_impulse_Ns,
    &StepBatch::vertical_stiffness_N_per_m, &StepBatch::leg_stiffness_N_per_m,
    &StepBatch::com_displacement_m,         &StepBatch::leg_compression_m,
    &StepBatch::impact_peak_force_N,        &StepBatch::time_of_peak_s,
    &StepBatch::peak_braking_force_N,       &StepBatch::peak_propulsive_force_N,
    &StepBatch::horizontal_impulse_Ns,      &StepBatch::peak_horizontal_force_corrected_N,
    &StepBatch::contact_speed_m_s,          &StepBatch::touchdown_angle_rad};

/// @brief Releases every column of @p out except @p keep (the columns a model gives).
inline void keep_only(StepBatch& out, std::initializer_list<Eigen::VectorXd StepBatch::*> keep) {
    for (Eigen::VectorXd StepBatch::*col : all_columns)
        if (std::find(keep.begin(), keep.end(), col) == keep.end()) drop(out.*col);
}

/// One step's inputs as SI doubles, so a scalar call can run the batch kernel with n = 1.
struct ScalarStep {
    double mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m;
    ScalarStep(const Athlete& a, const Stride& s)
        : mass_kg(a.mass.value()),
          speed_m_s(s.speed.value()),
          contact_time_s(s.contact_time.value()),
          flight_time_s(s.flight_time.value()),
          leg_length_m(a.leg_length.value()) {}
    StepBatchInput view(double gravity_m_s2) const {
        return {{&mass_kg, 1},       {&speed_m_s, 1},    {&contact_time_s, 1},
                {&flight_time_s, 1}, {&leg_length_m, 1}, gravity_m_s2};
    }
};

/// @brief Step @p i of a batch result as a StepLoad with units; empty columns stay empty.
inline StepLoad row(const StepBatch& b, Eigen::Index i, std::string_view model, const Athlete& a,
                    const Stride& s, Acceleration g) {
    auto opt = [&](const Eigen::VectorXd& col, auto unit) {
        using Q = decltype(col[0] * unit);
        return col.size() > i ? std::optional<Q>(col[i] * unit) : std::nullopt;
    };
    StepLoad r;
    r.model = model;
    r.peak_vertical_force = b.peak_vertical_force_N[i] * si::newtons;
    r.mean_vertical_force = b.mean_vertical_force_N[i] * si::newtons;
    r.vertical_impulse = b.vertical_impulse_Ns[i] * si::newton * si::seconds;
    r.vertical_stiffness = opt(b.vertical_stiffness_N_per_m, si::newtons / si::meter);
    r.leg_stiffness = opt(b.leg_stiffness_N_per_m, si::newtons / si::meter);
    r.com_displacement = opt(b.com_displacement_m, si::meters);
    r.leg_compression = opt(b.leg_compression_m, si::meters);
    r.impact_peak_force = opt(b.impact_peak_force_N, si::newtons);
    r.time_of_peak = opt(b.time_of_peak_s, si::seconds);
    r.peak_braking_force = opt(b.peak_braking_force_N, si::newtons);
    r.peak_propulsive_force = opt(b.peak_propulsive_force_N, si::newtons);
    r.horizontal_impulse = opt(b.horizontal_impulse_Ns, si::newton * si::seconds);
    r.peak_horizontal_force_corrected = opt(b.peak_horizontal_force_corrected_N, si::newtons);
    r.contact_speed = opt(b.contact_speed_m_s, si::meters_per_second);
    r.touchdown_angle = opt(b.touchdown_angle_rad, si::radians);
    fill_common(r, a, s, g);
    return r;
}

}  // namespace detail
}  // namespace strideload::grf

namespace strideload::grf {

/// @brief Calls `f(key, value)` for every field of @p load that is present, as SI doubles,
/// with the keys the CLI's JSON and Python's `to_dict()` use (`peak_vertical_force_N`,
/// `leg_stiffness_N_per_m`, ...). The model name is not included.
template <class F>
void for_each_field(const StepLoad& load, F&& f) {
    f("peak_vertical_force_N", load.peak_vertical_force.value());
    f("peak_vertical_force_bw", load.peak_vertical_force_bw);
    f("mean_vertical_force_N", load.mean_vertical_force.value());
    f("vertical_impulse_Ns", load.vertical_impulse.value());
    f("contact_time_s", load.contact_time.value());
    f("flight_time_s", load.flight_time.value());
    f("step_time_s", load.step_time.value());
    auto opt = [&f](const char* key, const auto& q) {
        if (q) f(key, q->value());
    };
    opt("leg_stiffness_N_per_m", load.leg_stiffness);
    opt("vertical_stiffness_N_per_m", load.vertical_stiffness);
    opt("com_displacement_m", load.com_displacement);
    opt("leg_compression_m", load.leg_compression);
    opt("impact_peak_force_N", load.impact_peak_force);
    opt("time_of_peak_s", load.time_of_peak);
    opt("peak_braking_force_N", load.peak_braking_force);
    opt("peak_propulsive_force_N", load.peak_propulsive_force);
    opt("horizontal_impulse_Ns", load.horizontal_impulse);
    opt("peak_horizontal_force_corrected_N", load.peak_horizontal_force_corrected);
    opt("contact_speed_m_s", load.contact_speed);
    opt("touchdown_angle_rad", load.touchdown_angle);
}

/// @brief Calls `f(key, column)` for every non-empty column of @p batch, keys as in
/// for_each_field.
template <class B, class F>
requires std::is_same_v<std::remove_cvref_t<B>, StepBatch>
void for_each_column(B&& batch, F&& f) {
    auto col = [&f](const char* key, auto& c) {
        if (c.size() > 0) f(key, c);
    };
    col("peak_vertical_force_N", batch.peak_vertical_force_N);
    col("peak_vertical_force_bw", batch.peak_vertical_force_bw);
    col("mean_vertical_force_N", batch.mean_vertical_force_N);
    col("vertical_impulse_Ns", batch.vertical_impulse_Ns);
    col("leg_stiffness_N_per_m", batch.leg_stiffness_N_per_m);
    col("vertical_stiffness_N_per_m", batch.vertical_stiffness_N_per_m);
    col("com_displacement_m", batch.com_displacement_m);
    col("leg_compression_m", batch.leg_compression_m);
    col("impact_peak_force_N", batch.impact_peak_force_N);
    col("time_of_peak_s", batch.time_of_peak_s);
    col("peak_braking_force_N", batch.peak_braking_force_N);
    col("peak_propulsive_force_N", batch.peak_propulsive_force_N);
    col("horizontal_impulse_Ns", batch.horizontal_impulse_Ns);
    col("peak_horizontal_force_corrected_N", batch.peak_horizontal_force_corrected_N);
    col("contact_speed_m_s", batch.contact_speed_m_s);
    col("touchdown_angle_rad", batch.touchdown_angle_rad);
}

}  // namespace strideload::grf
