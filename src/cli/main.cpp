// `strideload`: per-step ground reaction loads of running from the command line.
//   strideload step --model morin2005 --mass-kg 70 --speed-m-s 5 --contact-time-s 0.2 ...
//   strideload models [--json]
//   strideload force FILE --mass-kg 78.3 --rate-hz 300 --vertical-column Fy [--json|--csv]
//   strideload compare FILE ... --speed-m-s 2.5 --leg-length-m 0.94 [--json|--csv]
//   strideload accel FILE --accel-column ay --method gurchiek2017 --mass-kg 70 [--json|--csv]
//   strideload accel-methods [--json]
//   strideload load FILE... --mass-kg 70 [--by session|day|week] [--json|--csv]
//   strideload recovery FILE... --mass-kg 70 [--plot chart.png] [--json]
// Exit status: 0 on success (and for --help, --version), 2 on bad input, 1 on any other failure
// (a file that cannot be written); an error is one line on stderr and nothing on stdout.
// `--model all` succeeds when at least one model can handle the step; a model that cannot
// shows as n/a with the reason (text) or as {"model", "error"} (JSON).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "force_cmd.hpp"
#include "load_cmd.hpp"
#include "recovery_cmd.hpp"
#include "report.hpp"
#include "step_inputs.hpp"
#include "strideload/strideload.hpp"

namespace {

namespace sl = strideload;

constexpr int exit_failure = 1;
constexpr int exit_bad_input = 2;

/// @brief The message of a library error in the CLI's words: the library names a value by
/// its C++/Python field, which is the flag's name except for gravity (`--gravity`).
std::string error_message(const sl::Error& e) {
    std::string message = e.what();
    if (e.field() == "gravity_m_s2" && message.starts_with(e.field()))
        message.replace(0, e.field().size(), "--gravity");
    return message;
}

/// @brief Runs `strideload step`: every chosen model, the optional waveform file, and the
/// report; returns what to print so that a failure leaves stdout empty.
/// @throws Error the first model's error when no chosen model can handle the step
std::string run_step(const sl::cli::StepArgs& args) {
    const sl::cli::StepInputs in = sl::cli::resolve_step_inputs(args);
    std::vector<sl::cli::ModelResult> results;
    std::optional<sl::Error> first_error;
    bool any_ran = false;
    for (sl::grf::Model model : in.models) {
        sl::cli::ModelResult& r = results.emplace_back();
        r.model = std::string(sl::grf::model_info(model).name);
        try {
            r.load = sl::grf::step_load(model, in.athlete, in.stride, in.options);
            any_ran = true;
        } catch (const sl::Error& e) {
            if (!first_error) first_error = e;
            r.error = error_message(e);
        }
    }
    if (!any_ran) throw *first_error;

    std::string waveform_note;
    if (in.waveform) {
        const sl::grf::Waveform w = sl::grf::waveform(in.models.front(), in.athlete, in.stride,
                                                      sl::hertz(in.waveform->rate_hz), in.options);
        sl::cli::write_waveform_csv(in.waveform->path, w);
        waveform_note = fmt::format("{:<24}{} samples at {:g} Hz in {}{}\n", "waveform",
                                    w.time_s.size(), in.waveform->rate_hz, in.waveform->path,
                                    in.stride.grade == 0.0 ? "" : " (level ground)");
    }

    if (args.model == "all") {
        if (args.json) return sl::cli::all_json(results, in.stride.grade).dump(2);
        return sl::cli::table_text(results, in.athlete, in.options.gravity);
    }
    const sl::grf::StepLoad& load = *results.front().load;  // one model, and it ran
    if (args.json) return sl::cli::step_json(load, in.stride.grade).dump(2);
    return sl::cli::step_text(load, in.stride, in.athlete.bodyweight(in.options.gravity)) +
           waveform_note;
}

/// @brief Prints "strideload: error: <message>" as exactly one line on stderr.
int fail(std::string message, int status) {
    std::replace(message.begin(), message.end(), '\n', ' ');
    fmt::print(stderr, "strideload: error: {}\n", message);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "Per-step ground reaction loads of running (strideload " + std::string(sl::version) + ")",
        "strideload"};
    app.set_version_flag("--version", std::string(sl::version));
    app.require_subcommand(1);
    app.footer(
        "Exit status: 0 success, 2 bad input, 1 other failure (a file that cannot be written).\n"
        "Peaks are per foot contact (one step). Run `strideload models` for the citations.");

    sl::cli::StepArgs step_args;
    CLI::App* step = app.add_subcommand("step", "loads of one step (one foot contact)");
    sl::cli::add_step_options(*step, step_args);

    bool models_as_json = false;
    CLI::App* models = app.add_subcommand("models", "list the models with their citations");
    models->add_flag("--json", models_as_json, "print JSON instead of text");

    sl::cli::ForceArgs force_args;
    CLI::App* force = app.add_subcommand(
        "force", "measured force file -> stances -> per-stance loads and a summary");
    sl::cli::add_force_options(*force, force_args);

    sl::cli::CompareArgs compare_args;
    CLI::App* compare = app.add_subcommand(
        "compare", "every model vs the measured stances of a force file (Bland-Altman table)");
    sl::cli::add_compare_options(*compare, compare_args);

    sl::cli::AccelArgs accel_args;
    CLI::App* accel = app.add_subcommand(
        "accel", "vertical GRF from a body-worn accelerometer column, by a published method");
    sl::cli::add_accel_options(*accel, accel_args);

    bool accel_methods_as_json = false;
    CLI::App* accel_methods = app.add_subcommand(
        "accel-methods", "list the accelerometer methods with citations and published errors");
    accel_methods->add_flag("--json", accel_methods_as_json, "print JSON instead of text");

    sl::cli::LoadArgs load_args;
    CLI::App* load = app.add_subcommand(
        "load", "activity files and training logs -> steps -> leg load per session, day or week");
    sl::cli::add_load_options(*load, load_args);

    sl::cli::RecoveryArgs recovery_args;
    CLI::App* recovery = app.add_subcommand(
        "recovery",
        "activity files and training logs -> daily load -> fitness, fatigue, form, ACWR, tissue "
        "damage, time to recovered and how much load today keeps you in a band");
    sl::cli::add_recovery_options(*recovery, recovery_args);

    std::vector<std::string> warnings;
    try {
        app.parse(argc, argv);
        std::string out;
        if (step->parsed())
            out = run_step(step_args);
        else if (force->parsed())
            out = sl::cli::run_force(force_args, warnings);
        else if (compare->parsed())
            out = sl::cli::run_compare(compare_args, warnings);
        else if (accel->parsed())
            out = sl::cli::run_accel(accel_args, warnings);
        else if (load->parsed())
            out = sl::cli::run_load(load_args, warnings);
        else if (recovery->parsed())
            out = sl::cli::run_recovery(recovery_args, warnings);
        else if (accel_methods->parsed())
            out = sl::cli::accel_methods_report(accel_methods_as_json);
        else
            out = models_as_json ? sl::cli::models_json().dump(2) : sl::cli::models_text();
        for (const std::string& w : warnings) fmt::print(stderr, "strideload: warning: {}\n", w);
        if (!out.empty() && out.back() != '\n') out += '\n';
        fmt::print("{}", out);
        return 0;
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive as "errors" whose exit code is success.
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
        return fail(e.what(), exit_bad_input);
    } catch (const sl::Error& e) {
        return fail(error_message(e), exit_bad_input);
    } catch (const std::filesystem::filesystem_error& e) {
        // A file that cannot be opened is bad input (a wrong path), not an internal failure.
        return fail(e.what(), exit_bad_input);
    } catch (const sl::cli::UsageError& e) {
        return fail(e.what(), exit_bad_input);
    } catch (const sl::cli::WriteError& e) {
        return fail(e.what(), exit_failure);
    } catch (const std::exception& e) {
        // Not an input the library rejected: still one line, never an abort and a core dump.
        return fail(e.what(), exit_failure);
    }
}
