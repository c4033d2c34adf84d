/// @file
/// The options of `strideload step` and their translation into the library's inputs: which
/// models to run, the `Athlete`, the `Stride` (from phase times or from what a watch records:
/// cadence in steps/min and contact time in ms) and the `grf::ModelOptions`. Range checks are
/// left to the library, so the CLI reports the same field names and ranges as C++ and Python.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "strideload/strideload.hpp"

namespace strideload::cli {

/// A command line that parses but is incomplete or contradictory (exit status 2).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// @brief Throws UsageError when both --json and --csv are given (force, compare, accel, load).
inline void check_output_flags(bool json_flag, bool csv_flag) {
    if (json_flag && csv_flag) throw UsageError("--json and --csv exclude each other");
}

/// The values of `strideload step` as typed; empty when not given.
struct StepArgs {
    std::string model = "morin2005";
    std::optional<double> mass_kg;
    std::optional<double> speed_m_s;
    std::optional<double> contact_time_s;
    std::optional<double> contact_time_ms;
    std::optional<double> flight_time_s;
    std::optional<double> cadence_spm;
    std::optional<double> leg_length_m;
    std::optional<double> height_m;
    double gravity_m_s2 = standard_gravity_m_s2;
    double grade = 0.0;
    double bodyweight_multiple = grf::default_bodyweight_multiple;
    double impact_time_s = 0.020;
    double impact_velocity_change_m_s = 1.0;
    std::optional<double> rate_hz;
    std::optional<std::string> waveform_path;
    bool json = false;
};

/// Where and how finely to sample the model's waveform.
struct WaveformRequest {
    std::string path;  ///< CSV file to write
    double rate_hz;    ///< sample rate [Hz]
};

/// Everything `grf::step_load` and `grf::waveform` need, validated by the library.
struct StepInputs {
    std::vector<grf::Model> models;  ///< one model, or all of them for `--model all`
    Athlete athlete;
    Stride stride;
    grf::ModelOptions options;
    std::optional<WaveformRequest> waveform;
};

/// @brief Declares the options of `strideload step` on @p cmd, bound to @p args.
void add_step_options(CLI::App& cmd, StepArgs& args);

/// @brief The athlete from --mass-kg and whichever of --height-m and --leg-length-m are given
///        (leg length = 0.53 × height when only height is; Winter 1979). With neither, a
///        placeholder leg length that only models not reading it may use: callers check first.
/// @throws Error when a value is outside the range the library allows
Athlete make_athlete(double mass_kg, std::optional<double> height_m,
                     std::optional<double> leg_length_m);

/// @brief The library inputs for a parsed `strideload step` command line.
/// @param args parsed options (see add_step_options)
/// @return models, athlete, stride and model options
/// @throws UsageError when an option a chosen model needs is missing, or options conflict
/// @throws Error when a value is outside the range the library allows, or the model is unknown
StepInputs resolve_step_inputs(const StepArgs& args);

}  // namespace strideload::cli
