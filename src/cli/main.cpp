// `strideload`: per-step ground reaction loads of running from the command line.
//   strideload step --model morin2005 --mass-kg 70 --speed-m-s 5 --contact-time-s 0.2 ...
//   strideload models [--json]
// Exit status: 0 on success (and for --help, --version), 2 on bad input, 1 on any other failure
// (a file that cannot be written); an error is one line on stderr and nothing on stdout.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include "report.hpp"
#include "step_inputs.hpp"
#include "strideload/strideload.hpp"

namespace {

namespace sl = strideload;

constexpr int exit_failure = 1;
constexpr int exit_bad_input = 2;

/// @brief Runs `strideload step`: every chosen model, the optional waveform file, and the
/// report; returns what to print so that a failure leaves stdout empty.
std::string run_step(const sl::cli::StepArgs& args) {
    const sl::cli::StepInputs in = sl::cli::resolve_step_inputs(args);
    std::vector<sl::grf::StepLoad> loads;
    for (sl::grf::Model model : in.models)
        loads.push_back(sl::grf::step_load(model, in.athlete, in.stride, in.options));

    std::string waveform_note;
    if (in.waveform) {
        const sl::grf::Waveform w = sl::grf::waveform(in.models.front(), in.athlete, in.stride,
                                                      sl::hertz(in.waveform->rate_hz), in.options);
        sl::cli::write_waveform_csv(in.waveform->path, w);
        waveform_note = fmt::format("{:<24}{} samples at {:g} Hz in {}{}\n", "waveform",
                                    w.time_s.size(), in.waveform->rate_hz, in.waveform->path,
                                    in.stride.grade == 0.0 ? "" : " (level ground)");
    }

    if (args.json) {
        if (args.model != "all") return sl::cli::step_json(loads.front(), in.stride.grade).dump(2);
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const sl::grf::StepLoad& load : loads)
            all.push_back(sl::cli::step_json(load, in.stride.grade));
        return all.dump(2);
    }
    if (args.model == "all") return sl::cli::table_text(loads, in.athlete, in.options.gravity);
    return sl::cli::step_text(loads.front(), in.stride, in.athlete.bodyweight(in.options.gravity)) +
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

    try {
        app.parse(argc, argv);
        std::string out;
        if (step->parsed())
            out = run_step(step_args);
        else
            out = models_as_json ? sl::cli::models_json().dump(2) : sl::cli::models_text();
        if (!out.empty() && out.back() != '\n') out += '\n';
        fmt::print("{}", out);
        return 0;
    } catch (const CLI::ParseError& e) {
        // --help and --version arrive as "errors" whose exit code is success.
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
        return fail(e.what(), exit_bad_input);
    } catch (const sl::Error& e) {
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
