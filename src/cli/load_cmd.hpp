/// @file
/// `strideload load FILE...`: activity files and training logs → steps → per-step loads →
/// sums per session, day or ISO week (io::read_activity, load::session_load, daily_load,
/// weekly_load).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <strideload/io/time_zone.hpp>
#include <strideload/load/calendar.hpp>
#include <strideload/load/session.hpp>
#include <string>
#include <vector>

namespace strideload::cli {

/// Options of `strideload load`.
struct LoadArgs {
    std::vector<std::string> files;
    std::optional<double> mass_kg;
    std::optional<double> height_m;
    std::optional<double> leg_length_m;
    std::string model = "clark2017";
    std::string by = "week";
    std::string sport;
    std::string time_zone = "UTC";
    bool keep_valid_prefix = false;
    double stress_exponent = 4.0;
    double damage_exponent = 7.0;
    double reference_load_bw = 2.5;
    double strength_target_sessions = 4.0;
    double strength_target_min = 20.0;
    bool json = false;
    bool csv = false;
    bool progress = true;  ///< a progress bar on stderr when it is a terminal
};

/// @brief Declares the options of `strideload load` on its subcommand.
void add_load_options(CLI::App& cmd, LoadArgs& args);

/// @brief Declares the options that say what to read and how to load it (files, body, model,
///        sport, time zone, exponents, strength target): shared by `load` and `recovery`.
void add_input_options(CLI::App& cmd, LoadArgs& args);

/// Sessions read from the files, with the options they were loaded with.
struct LoadedSessions {
    std::vector<load::SessionLoad> sessions;  ///< every session, by start time
    load::SessionOptions options;             ///< model and exponents used
    load::DayOptions days;                    ///< calendar-day options (time zone, targets)
    io::TimeZone zone;                        ///< the --tz zone
};

/// @brief Reads every file and loads its sessions (io::read_activity, load::session_load).
/// @param warnings receives what --keep-valid-prefix dropped
/// @throws as run_load
LoadedSessions read_sessions(const LoadArgs& args, std::vector<std::string>& warnings);

/// @brief Runs `strideload load`.
/// @param warnings lines for stderr: what --keep-valid-prefix dropped, records left out
/// @return text, CSV or JSON (`{"sessions"|"days"|"weeks": [...]}`)
/// @throws Error (a refused sport, a bad option), io::FileError (a damaged file),
///         std::filesystem::filesystem_error, UsageError
std::string run_load(const LoadArgs& args, std::vector<std::string>& warnings);

}  // namespace strideload::cli
