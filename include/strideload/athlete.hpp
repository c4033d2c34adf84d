/// @file
/// Who runs: body mass, standing height and leg length. Leg length (great trochanter to the
/// ground, standing) defaults to 0.53 × height (Winter DA (1979) "Biomechanics of human
/// movement", Wiley; anthropometric table; used by Morin et al. 2005, who report a bias of
/// 1.94 ± 1.51 % against measured leg length).
#pragma once

#include <optional>

#include "strideload/detail/kernel.hpp"
#include "strideload/units.hpp"

namespace strideload {

/// Winter (1979): leg length (great trochanter height) ≈ 0.53 × standing height.
inline constexpr double leg_length_per_height = 0.53;

/// A runner. Build with `Athlete::from_height` or `Athlete::from_leg_length`; both validate.
struct Athlete {
    Mass mass;                     ///< body mass [kg], 20–250
    Length leg_length;             ///< standing leg length [m], 0.3–1.5
    std::optional<Length> height;  ///< standing height [m], 0.6–2.5, when known

    /// @brief An athlete of known height; leg length = 0.53 × height (Winter 1979).
    /// @param mass body mass [kg], 20–250  @param height standing height [m], 0.6–2.5
    /// @throws Error naming `mass_kg` or `height_m`
    static Athlete from_height(Mass mass, Length height) {
        detail::require_in("height_m", height.value(), detail::min_height_m, detail::max_height_m,
                           "m");
        Athlete a{mass, leg_length_per_height * height, height};
        a.validate();
        return a;
    }

    /// @brief An athlete of known leg length (height unknown).
    /// @param mass body mass [kg], 20–250  @param leg_length leg length [m], 0.3–1.5
    /// @throws Error naming `mass_kg` or `leg_length_m`
    static Athlete from_leg_length(Mass mass, Length leg_length) {
        Athlete a{mass, leg_length, std::nullopt};
        a.validate();
        return a;
    }

    /// @brief An athlete of known height and measured leg length.
    /// @param mass body mass [kg], 20–250  @param height standing height [m], 0.6–2.5
    /// @param leg_length leg length [m], 0.3–1.5
    /// @throws Error naming `mass_kg`, `height_m` or `leg_length_m`
    static Athlete from_height_and_leg_length(Mass mass, Length height, Length leg_length) {
        detail::require_in("height_m", height.value(), detail::min_height_m, detail::max_height_m,
                           "m");
        Athlete a{mass, leg_length, height};
        a.validate();
        return a;
    }

    /// @brief Throws Error when mass or leg length is outside its allowed range.
    void validate() const {
        detail::require_in("mass_kg", mass.value(), detail::min_mass_kg, detail::max_mass_kg, "kg");
        detail::require_in("leg_length_m", leg_length.value(), detail::min_leg_length_m,
                           detail::max_leg_length_m, "m");
    }

    /// @brief Body weight m·g [N]. @param gravity [m/s²], standard gravity by default
    Force bodyweight(Acceleration gravity = standard_gravity()) const { return mass * gravity; }
};

}  // namespace strideload
