/// @file
/// `strideload recovery FILE...`: activity files and training logs → daily load → fitness,
/// fatigue and form, ACWR, monotony, tissue damage and fracture probability (with the strength
/// & conditioning multiplier), time to recovered, today's load range and a plan; optionally a
/// PNG chart.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "load_cmd.hpp"

namespace strideload::cli {

/// Options of `strideload recovery`.
struct RecoveryArgs {
    LoadArgs input;  ///< what to read and how to load it (shared with `load`)
    /// The day to report on, "YYYY-MM-DD"; empty: the day after the last session. Days between
    /// the last session and today are rest days; sessions on or after today are left out (with
    /// a warning).
    std::string today;
    std::string metric = "equivalent_cycles";     ///< daily load: equivalent_cycles, impulse, srpe
    std::optional<double> load_scale;             ///< factor on the metric (default per metric)
    std::string target = "form";                  ///< band of the plan: form, acwr, damage
    std::optional<double> low;                    ///< band's low end (default per target)
    std::optional<double> high;                   ///< band's high end (required for damage)
    int plan_days = 7;                            ///< days to plan
    std::string acwr_method = "rolling_coupled";  ///< ACWR method of the acwr band
    double repair_fraction = 0.9;  ///< "damage repaired" means this fraction repaired
    /// S–N exponents the uncertainty bands also run over (with the loads' own exponent).
    std::vector<double> damage_exponent_range{6.6, 7.0};
    std::string plot;   ///< PNG chart path (empty: none)
    bool json = false;  ///< JSON instead of text
};

/// @brief Declares the options of `strideload recovery` on its subcommand.
void add_recovery_options(CLI::App& cmd, RecoveryArgs& args);

/// @brief Runs `strideload recovery`.
/// @param warnings lines for stderr (what was dropped or left out)
/// @return text or JSON (see `strideload recovery --help` and the README)
/// @throws as run_load, and Error / UsageError for bad recovery options
std::string run_recovery(const RecoveryArgs& args, std::vector<std::string>& warnings);

}  // namespace strideload::cli
