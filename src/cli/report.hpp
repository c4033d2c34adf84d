/// @file
/// What `strideload` prints and writes: one step's loads as text or JSON, the `--model all`
/// table with its comparison against the "3x bodyweight" rule of thumb, the model list, and
/// the waveform CSV. Every function returns text instead of printing it, so that the caller
/// writes to stdout only once everything has succeeded.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include "strideload/strideload.hpp"

namespace strideload::cli {

/// A file that cannot be written (exit status 1: the input was fine).
class WriteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// One model's outcome under `--model all`: its loads, or why it cannot handle the step
/// (burns_hgrf needs a flight phase, clark2017 a contact longer than twice the impact time).
struct ModelResult {
    std::string model;                  ///< the model's name, as in `strideload models`
    std::optional<grf::StepLoad> load;  ///< empty when the model rejected the inputs
    std::string error;                  ///< the library's message when `load` is empty
};

/// @brief One step's loads as a JSON object with SI-suffixed keys; a model's extras appear
/// only when the model gives them.
/// @param load result of grf::step_load  @param grade rise over run of the step
nlohmann::ordered_json step_json(const grf::StepLoad& load, double grade);

/// @brief The `--model all` array: step_json of each model that ran, and
/// `{"model": name, "error": message}` for one that could not.
/// @param results one per model  @param grade rise over run of the step
nlohmann::ordered_json all_json(std::span<const ModelResult> results, double grade);

/// @brief One step's loads as text, one quantity per line; the peak in N, BW and kgf.
/// @param load result of grf::step_load  @param stride the step (for its grade)
/// @param bodyweight m g [N], to express the mean in bodyweights
std::string step_text(const grf::StepLoad& load, const Stride& stride, Force bodyweight);

/// @brief One table row per model (`n/a` and a numbered footnote with the reason for a model
/// that could not run), then the rule of thumb (3 × m g) and the research range for distance
/// running (2.2–2.8 BW per foot contact) in N and kgf.
/// @param results one per model  @param athlete the runner  @param gravity [m/s²]
std::string table_text(std::span<const ModelResult> results, const Athlete& athlete,
                       Acceleration gravity);

/// @brief The models with summary, inputs and citation, wrapped to 100 columns.
std::string models_text();

/// @brief `{"models": [{"name", "citation", "summary", "uses_speed_and_leg", "horizontal"}]}`.
nlohmann::ordered_json models_json();

/// @brief Writes @p waveform as CSV: header `time_s,vertical_N[,horizontal_N]`, then one
/// sample per row at full (round-trip) precision.
/// @throws WriteError when @p path cannot be written
void write_waveform_csv(const std::string& path, const grf::Waveform& waveform);

}  // namespace strideload::cli
