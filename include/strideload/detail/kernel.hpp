/// @file
/// Shared machinery of the batch kernels: the attribute that gives each hot loop an AVX2 and a
/// baseline version picked at load time (GCC function multi-versioning), and the input domain
/// every per-step model shares. Plain SI doubles, no Boost.Units.
///
/// The loops vectorise only when the translation unit is compiled with -fno-math-errno (sqrt
/// otherwise has to set errno); strideload's own Python module, CLI and benchmarks are. A user
/// who links the headers gets correct results either way.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "strideload/error.hpp"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(STRIDELOAD_NO_MULTIVERSION)
/// Compile the hot loop twice (AVX2 and baseline x86-64; the loader picks one per CPU), with
/// GCC's dynamic vectoriser cost model so that -O2 vectorises it as -O3 does.
#define STRIDELOAD_KERNEL \
    __attribute__((target_clones("avx2", "default"), optimize("vect-cost-model=dynamic")))
#else
#define STRIDELOAD_KERNEL
#endif

namespace strideload::detail {

/// Allowed body mass [kg], inclusive.
inline constexpr double min_mass_kg = 20.0, max_mass_kg = 250.0;
/// Allowed running speed (0, 12.5] m/s: faster than the fastest human sprint is an input error.
inline constexpr double max_speed_m_s = 12.5;
/// Allowed contact time (0, 2] s and flight time [0, 2] s.
inline constexpr double max_contact_time_s = 2.0, max_flight_time_s = 2.0;
/// Allowed leg length [m], inclusive.
inline constexpr double min_leg_length_m = 0.3, max_leg_length_m = 1.5;
/// Allowed standing height [m], inclusive; 0.6 m so that 0.53 × height clears the 0.3 m leg.
inline constexpr double min_height_m = 0.6, max_height_m = 2.5;
/// Allowed grade (rise over run), ±45 %.
inline constexpr double max_abs_grade = 0.45;
/// Allowed gravity (0, 30] m/s²: anything on Earth, the Moon or Mars.
inline constexpr double max_gravity_m_s2 = 30.0;

/// @brief Per-field domain checks for the batch kernels: 1 when the value is outside its
/// domain (NaN included, as every comparison with NaN is false), 0 otherwise. They return a
/// 64-bit integer, not a bool, because GCC's vectoriser folds `bad |= ...` of 64-bit lanes into
/// a loop over doubles but gives up on a bool reduction (GCC 12: "no vectype for stmt").
inline std::int64_t mass_outside(double mass_kg) {
    return !(mass_kg >= min_mass_kg) | !(mass_kg <= max_mass_kg);
}
/// @copydoc mass_outside
inline std::int64_t times_outside(double contact_time_s, double flight_time_s) {
    return !(contact_time_s > 0.0) | !(contact_time_s <= max_contact_time_s) |
           !(flight_time_s >= 0.0) | !(flight_time_s <= max_flight_time_s);
}
/// @copydoc mass_outside
inline std::int64_t speed_outside(double speed_m_s) {
    return !(speed_m_s > 0.0) | !(speed_m_s <= max_speed_m_s);
}
/// @copydoc mass_outside
inline std::int64_t leg_outside(double leg_length_m) {
    return !(leg_length_m >= min_leg_length_m) | !(leg_length_m <= max_leg_length_m);
}

/// @brief Field name with the batch index appended, e.g. "mass_kg[12]"; plain when index < 0.
inline std::string indexed(const char* field, long index) {
    if (index < 0) return field;
    return std::string(field) + "[" + std::to_string(index) + "]";
}

/// @brief Throws Error naming the first field of one step outside the shared domain. A null
/// pointer marks an input the model does not use.
/// @param index position in a batch (for the message), or -1 for a scalar call
inline void validate_step(long index, const double* mass_kg, const double* speed_m_s,
                          const double* contact_time_s, const double* flight_time_s,
                          const double* leg_length_m) {
    auto check = [index](const char* field, const double* value, bool ok, const char* allowed) {
        if (value != nullptr && !ok) throw Error(indexed(field, index), *value, allowed);
    };
    check("mass_kg", mass_kg, mass_kg && !mass_outside(*mass_kg), "in [20, 250] kg");
    check("speed_m_s", speed_m_s, speed_m_s && !speed_outside(*speed_m_s), "in (0, 12.5] m/s");
    check("contact_time_s", contact_time_s, contact_time_s && !times_outside(*contact_time_s, 0.0),
          "in (0, 2] s");
    check("flight_time_s", flight_time_s, flight_time_s && !times_outside(1.0, *flight_time_s),
          "in [0, 2] s");
    check("leg_length_m", leg_length_m, leg_length_m && !leg_outside(*leg_length_m),
          "in [0.3, 1.5] m");
}

/// @brief Throws Error for the first step of a batch outside the shared domain, and returns
/// when every step is inside it. A null pointer marks an input the model does not use.
inline void check_steps(std::size_t n, const double* mass_kg, const double* speed_m_s,
                        const double* contact_time_s, const double* flight_time_s,
                        const double* leg_length_m) {
    auto at = [](const double* p, std::size_t i) { return p ? p + i : nullptr; };
    for (std::size_t i = 0; i < n; ++i)
        validate_step(n == 1 ? -1L : static_cast<long>(i), at(mass_kg, i), at(speed_m_s, i),
                      at(contact_time_s, i), at(flight_time_s, i), at(leg_length_m, i));
}

/// @brief The kernel saw a bad value that a second read no longer finds: the caller changed
/// the arrays during the call (Python releases the GIL while kernels read numpy buffers).
/// Throwing keeps results computed from the bad value from ever being returned.
[[noreturn]] inline void throw_inputs_changed() {
    throw Error("inputs",
                "an input array changed while it was being read (modified by another thread?); "
                "results discarded");
}

/// @brief Throws Error for the first step of a batch outside the shared domain; called only
/// after a kernel reported a bad step, so the fast path pays nothing for the message. Always
/// throws. A null pointer marks an input the model does not use.
[[noreturn]] inline void throw_first_invalid_step(std::size_t n, const double* mass_kg,
                                                  const double* speed_m_s,
                                                  const double* contact_time_s,
                                                  const double* flight_time_s,
                                                  const double* leg_length_m) {
    check_steps(n, mass_kg, speed_m_s, contact_time_s, flight_time_s, leg_length_m);
    throw_inputs_changed();
}

/// @brief Number of samples at t = k / rate strictly inside a contact of @p contact_time_s:
/// ceil(tc·rate) with a relative tolerance, so that tc·rate = 14.000000000000002 gives 14
/// samples, not a 15th at t = tc.
inline std::size_t sample_count(double contact_time_s, double rate_hz) {
    return static_cast<std::size_t>(std::ceil(contact_time_s * rate_hz * (1.0 - 1e-12)));
}

/// @brief Throws Error unless 0 < gravity <= 30 m/s². @param gravity_m_s2 [m/s²]
inline void validate_gravity(double gravity_m_s2) {
    if (!(gravity_m_s2 > 0.0 && gravity_m_s2 <= max_gravity_m_s2))
        throw Error("gravity_m_s2", gravity_m_s2, "in (0, 30] m/s^2");
}

/// @brief Throws Error when the leg cannot sweep the contact length: the sine and spring-mass
/// geometry needs leg_length > speed × contact_time / 2 (Morin et al. 2005, Eq. 9).
inline void validate_leg_sweep(long index, double speed_m_s, double contact_time_s,
                               double leg_length_m) {
    const double half_sweep_m = 0.5 * speed_m_s * contact_time_s;
    if (!(leg_length_m > half_sweep_m)) {
        std::ostringstream os;
        os << "greater than speed x contact time / 2 = " << half_sweep_m << " m";
        throw Error(indexed("leg_length_m", index), leg_length_m, os.str());
    }
}

}  // namespace strideload::detail
