/// @file
/// The measured-force commands of `strideload`:
/// - `force FILE`: read a force table, detect stances, print per-stance metrics + a summary;
/// - `compare FILE`: the same stances, then every per-step model against them (Bland–Altman);
/// - `accel FILE`: vertical GRF from a body-worn accelerometer column by a published method.
/// Each returns the text to print, so that nothing reaches stdout unless the command succeeded;
/// notes about left-out rows go to @p warnings (printed on stderr by main).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace strideload::cli {

/// How to read the file and find its stances (shared by force, compare and accel).
struct ReadArgs {
    std::string path;
    std::optional<double> rate_hz;
    std::string vertical_column;
    std::string ap_column;
    std::string ml_column;
    std::string time_column;
    std::string time_unit = "auto";
    std::string delimiter = "auto";
    std::string on_error = "raise";
    std::optional<double> filter_hz;
    int filter_order = 4;
    double threshold_N = 50.0;
    std::optional<double> release_N;
    double min_contact_s = 0.1;
    double min_flight_s = 0.0;
};

/// Options of `strideload force`.
struct ForceArgs {
    ReadArgs read;
    std::optional<double> mass_kg;
    double gravity_m_s2 = 9.80665;
    std::string ap_sign = "propulsive_positive";
    bool loading_rate_at_samples = false;
    bool json = false;
    bool csv = false;
};

/// Options of `strideload compare`.
struct CompareArgs {
    ForceArgs force;
    std::optional<double> speed_m_s;
    std::optional<double> leg_length_m;
    std::optional<double> height_m;
    std::vector<std::string> models;
    double bodyweight_multiple = 3.0;
    double loa_z = 1.96;
    double waveform_rate_hz = 1000.0;
};

/// Options of `strideload accel`.
struct AccelArgs {
    ReadArgs read;  ///< vertical_column unused; accel_column below
    std::string accel_column;
    std::string method = "gurchiek2017";
    std::string coefficients = "original";
    double wundersitz_cutoff_hz = 10.0;
    std::optional<double> mass_kg;
    std::string stance_column;  ///< force column to detect stances on ("" = one stance)
    bool json = false;
    bool csv = false;
};

/// @brief Declares the options of the three commands on their subcommands.
void add_force_options(CLI::App& cmd, ForceArgs& args);
void add_compare_options(CLI::App& cmd, CompareArgs& args);
void add_accel_options(CLI::App& cmd, AccelArgs& args);

/// @brief Runs `strideload force`.  @param warnings lines for stderr (left-out rows)
/// @return text, CSV or JSON  @throws Error, io::FileError, UsageError
std::string run_force(const ForceArgs& args, std::vector<std::string>& warnings);
/// @brief Runs `strideload compare`.
std::string run_compare(const CompareArgs& args, std::vector<std::string>& warnings);
/// @brief `strideload accel-methods`: the methods with sensor site, equation, citation and
/// published error, as text or `{"methods": [{"name", "location", "equation", "waveform",
/// "citation", "published_error"}]}`.
std::string accel_methods_report(bool as_json);
/// @brief Runs `strideload accel`.
std::string run_accel(const AccelArgs& args, std::vector<std::string>& warnings);

}  // namespace strideload::cli
