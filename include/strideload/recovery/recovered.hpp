/// @file
/// Time to recovered, three ways, each from its own model:
/// - until form is back to ≥ 0 with no further training (fitness_fatigue.hpp,
///   days_until_fresh);
/// - until the tissue damage left now is repaired to a chosen fraction (first-order repair of
///   damage.hpp: a fraction q is repaired after −τ_r ln(1 − q) days; with Taylor et al. 2004's
///   18.5 d, half after 12.8 d and 90 % after 42.6 d);
/// - until one session's net effect on performance turns positive, t_n of the Banister model
///   (banister.hpp, time_to_net_positive_days; Fitz-Clarke, Morton & Banister 1991).
#pragma once

#include <cmath>
#include <limits>

#include "strideload/error.hpp"
#include "strideload/recovery/damage.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"

namespace strideload::recovery {

/// @brief Days until a fraction of the damage present now is repaired (first-order repair).
/// @param fraction_repaired q, in [0, 1) (0.9: 90 % repaired)
/// @param options the repair time constant τ_r [days]
/// @return −τ_r ln(1 − q) [days]
/// @throws Error for q outside [0, 1) or a bad option
inline double days_until_repaired(double fraction_repaired, const DamageOptions& options = {}) {
    options.validate();
    if (!(fraction_repaired >= 0.0 && fraction_repaired < 1.0))
        throw Error("fraction_repaired", fraction_repaired, "in [0, 1)");
    return -options.repair_tau_days * std::log1p(-fraction_repaired);
}

/// @brief Days until the damage present now falls to a ceiling (first-order repair).
/// @param damage_now Miner damage left now, ≥ 0  @param ceiling target damage, > 0
/// @param options the repair time constant τ_r [days]
/// @return τ_r ln(damage_now / ceiling) [days], 0 when already at or below the ceiling
/// @throws Error for a negative damage, a ceiling ≤ 0 or a bad option
inline double days_until_damage_below(double damage_now, double ceiling,
                                      const DamageOptions& options = {}) {
    options.validate();
    strideload::detail::require_in("damage_now", damage_now, 0.0,
                                   std::numeric_limits<double>::max(), "");
    strideload::detail::require_in_open_closed("ceiling", ceiling, 0.0,
                                               std::numeric_limits<double>::max(), "");
    return damage_now <= ceiling ? 0.0 : options.repair_tau_days * std::log(damage_now / ceiling);
}

}  // namespace strideload::recovery
