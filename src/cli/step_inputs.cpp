#include "step_inputs.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>
#include <utility>

namespace strideload::cli {

namespace {

/// Placeholders for the inputs a model does not read. constant_multiple, impulse_balance and
/// clark2017 use neither speed nor leg length, yet take a validated Athlete and Stride; these
/// in-range values fill the two fields when the user leaves them out, so that such a model can
/// be run without inventing a speed. They never reach a result: the models that read speed or
/// leg length require the options (require_options).
namespace placeholder {
constexpr double speed_m_s = 1.0;     ///< within (0, 12.5] m/s
constexpr double leg_length_m = 1.0;  ///< within [0.3, 1.5] m
}  // namespace placeholder

/// @brief The models named by @p name: one, or every model for "all".
/// @throws Error naming `model` and listing the valid names
std::vector<grf::Model> parse_models(const std::string& name) {
    std::vector<grf::Model> chosen;
    std::string valid;
    for (const grf::ModelInfo& info : grf::models()) {
        if (name == "all" || info.name == name) chosen.push_back(info.model);
        valid += fmt::format("{}, ", info.name);
    }
    if (chosen.empty())
        throw Error("model", fmt::format("unknown model '{}'; one of: {}all", name, valid));
    return chosen;
}

/// @brief "model morin2005" or "models a, b, c": the chosen models that need speed and leg
/// length, for the message about a missing option; empty when none does.
std::string models_needing_speed_and_leg(const std::vector<grf::Model>& models) {
    std::vector<std::string_view> names;
    for (grf::Model m : models)
        if (grf::model_info(m).uses_speed_and_leg) names.push_back(grf::model_info(m).name);
    if (names.empty()) return {};
    return fmt::format("{} {}", names.size() == 1 ? "model" : "models", fmt::join(names, ", "));
}

/// @brief Rejects a command line that lacks an option the chosen models need.
void require_options(const StepArgs& args, const std::vector<grf::Model>& models) {
    // A half-given or mixed pair never gets here: CLI11 rejects it (add_step_options).
    if (!args.contact_time_s && !args.cadence_spm)
        throw UsageError(
            "--contact-time-s with --flight-time-s (or --cadence-spm with --contact-time-ms) "
            "is required");
    const std::string needing = models_needing_speed_and_leg(models);
    if (!needing.empty() && !args.speed_m_s)
        throw UsageError(fmt::format("--speed-m-s is required by {}", needing));
    if (!needing.empty() && !args.leg_length_m && !args.height_m)
        throw UsageError(fmt::format("--leg-length-m (or --height-m) is required by {}", needing));
    if (args.waveform_path && models.size() != 1)
        throw UsageError("--waveform writes one model's waveform: choose one --model, not all");
}

/// @brief The step, from contact and flight time [s] or from cadence and contact time [ms]
/// (flight = 60 / cadence − contact).
Stride make_stride(const StepArgs& args) {
    const Speed speed = meters_per_second(args.speed_m_s.value_or(placeholder::speed_m_s));
    if (args.cadence_spm)
        return Stride::from_cadence(speed, steps_per_minute(*args.cadence_spm),
                                    milliseconds(args.contact_time_ms.value()), args.grade);
    return Stride::make(speed, seconds(args.contact_time_s.value()),
                        seconds(args.flight_time_s.value()), args.grade);
}

}  // namespace

void add_step_options(CLI::App& cmd, StepArgs& args) {
    std::vector<std::string_view> needing;
    for (const grf::ModelInfo& info : grf::models())
        if (info.uses_speed_and_leg) needing.push_back(info.name);
    const std::string needed_by = fmt::format("; required by {}", fmt::join(needing, ", "));

    cmd.add_option("--model", args.model, "a model from `strideload models`, or all")
        ->capture_default_str();
    cmd.add_option("--mass-kg", args.mass_kg, "body mass [kg]")->required();
    cmd.add_option("--speed-m-s", args.speed_m_s, "running speed [m/s]" + needed_by);
    // The step's timing comes as one of two pairs, as in Python: phase times in s, or what a
    // watch records (cadence, contact in ms). Each option needs its partner and excludes the
    // other pair, so a half pair or a mix is a parse error naming the flags.
    auto* contact_s = cmd.add_option("--contact-time-s", args.contact_time_s,
                                     "ground contact time [s]; with --flight-time-s");
    auto* flight =
        cmd.add_option("--flight-time-s", args.flight_time_s,
                       "flight (aerial) time after the contact [s]; with --contact-time-s");
    auto* cadence =
        cmd.add_option("--cadence-spm", args.cadence_spm,
                       "cadence [steps/min], as watches report it; with --contact-time-ms; "
                       "flight time = 60/cadence - contact time");
    auto* contact_ms = cmd.add_option("--contact-time-ms", args.contact_time_ms,
                                      "ground contact time [ms], as watches report it; with "
                                      "--cadence-spm");
    contact_s->needs(flight);
    flight->needs(contact_s);
    cadence->needs(contact_ms);
    contact_ms->needs(cadence);
    for (CLI::Option* phase : {contact_s, flight})
        for (CLI::Option* watch : {cadence, contact_ms}) phase->excludes(watch);
    cmd.add_option("--leg-length-m", args.leg_length_m, "leg length [m]" + needed_by);
    cmd.add_option("--height-m", args.height_m,
                   "standing height [m]; leg length = 0.53 x height unless --leg-length-m");
    cmd.add_option("--gravity", args.gravity_m_s2, "gravitational acceleration [m/s^2]")
        ->capture_default_str();
    cmd.add_option("--grade", args.grade,
                   "rise over run (-0.05 = 5 % downhill); peaks per Gottschall & Kram 2005")
        ->capture_default_str();
    cmd.add_option("--bodyweight-multiple", args.bodyweight_multiple,
                   "constant_multiple: k in peak = k x bodyweight")
        ->capture_default_str();
    cmd.add_option("--impact-time-s", args.impact_time_s,
                   "clark2017: touchdown to peak lower-limb deceleration t1 [s]")
        ->capture_default_str();
    cmd.add_option("--impact-velocity-change-m-s", args.impact_velocity_change_m_s,
                   "clark2017: lower-limb vertical velocity change over the impact [m/s]")
        ->capture_default_str();
    auto* rate = cmd.add_option("--rate-hz", args.rate_hz, "sample rate of --waveform [Hz]");
    auto* waveform = cmd.add_option("--waveform", args.waveform_path,
                                    "CSV of the level-ground GRF: time_s,vertical_N[,horizontal_N]")
                         ->type_name("FILE.csv");
    rate->needs(waveform);
    waveform->needs(rate);
    cmd.add_flag("--json", args.json, "print JSON instead of text");
}

StepInputs resolve_step_inputs(const StepArgs& args) {
    std::vector<grf::Model> models = parse_models(args.model);
    require_options(args, models);
    grf::ModelOptions options;
    options.gravity = meters_per_second_squared(args.gravity_m_s2);
    options.bodyweight_multiple = args.bodyweight_multiple;
    options.clark.impact_time = seconds(args.impact_time_s);
    options.clark.impact_velocity_change = meters_per_second(args.impact_velocity_change_m_s);
    std::optional<WaveformRequest> waveform;
    if (args.waveform_path) waveform = WaveformRequest{*args.waveform_path, args.rate_hz.value()};
    return {std::move(models), make_athlete(args.mass_kg.value(), args.height_m, args.leg_length_m),
            make_stride(args), options, waveform};
}

Athlete make_athlete(double mass_kg, std::optional<double> height_m,
                     std::optional<double> leg_length_m) {
    const Mass mass = kilograms(mass_kg);
    if (height_m && leg_length_m)
        return Athlete::from_height_and_leg_length(mass, meters(*height_m), meters(*leg_length_m));
    if (height_m) return Athlete::from_height(mass, meters(*height_m));
    return Athlete::from_leg_length(mass, meters(leg_length_m.value_or(placeholder::leg_length_m)));
}

}  // namespace strideload::cli
