#include "report.hpp"

#include <fmt/format.h>
#include <fmt/os.h>

#include <cmath>
#include <iterator>
#include <optional>
#include <system_error>

namespace strideload::cli {

namespace {

/// kgf is defined with standard gravity whatever --gravity says: 1 kgf = 9.80665 N.
double to_kgf(Force force) { return force.value() / newtons_per_kilogram_force; }

/// Appends "label   value" with the values aligned in one column.
void line(std::string& out, std::string_view label, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{:<24}{}\n", label, value);
}

/// Appends a line for an extra a model may not give; nothing when it is absent.
template <class Q, class Format>
void optional_line(std::string& out, std::string_view label, const std::optional<Q>& quantity,
                   Format format) {
    if (quantity) line(out, label, format(quantity->value()));
}

/// A table cell: the value, or "-" where the model does not give it.
template <class Q>
std::string cell(const std::optional<Q>& quantity, const char* spec) {
    return quantity ? fmt::format(fmt::runtime(spec), quantity->value()) : std::string("-");
}

/// Greedy word wrap of @p text to @p width columns: the first line starts with @p first, the
/// others with @p indent spaces.
std::string wrap(std::string_view text, std::string_view first, std::size_t indent,
                 std::size_t width) {
    std::string out, current(first);
    bool line_empty = true;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find(' ', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(begin, end - begin);
        if (!line_empty && current.size() + 1 + word.size() > width) {
            out += current + '\n';
            current.assign(indent, ' ');
            line_empty = true;
        }
        if (!line_empty) current += ' ';
        current += word;
        line_empty = false;
        begin = end + 1;
    }
    return out + current + '\n';
}

}  // namespace

nlohmann::ordered_json step_json(const grf::StepLoad& load, double grade) {
    nlohmann::ordered_json j;
    j["model"] = std::string(load.model);
    // The library's field list is the one source of the keys Python's to_dict() also uses;
    // kgf and grade are the CLI's additions.
    grf::for_each_field(load, [&](const char* key, double value) {
        j[key] = value;
        if (std::string_view(key) == "peak_vertical_force_bw")
            j["peak_vertical_force_kgf"] = to_kgf(load.peak_vertical_force);
        if (std::string_view(key) == "step_time_s") j["grade"] = grade;
    });
    return j;
}

nlohmann::ordered_json all_json(std::span<const ModelResult> results, double grade) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const ModelResult& r : results) {
        if (r.load)
            all.push_back(step_json(*r.load, grade));
        else
            all.push_back({{"model", r.model}, {"error", r.error}});
    }
    return all;
}

std::string step_text(const grf::StepLoad& load, const Stride& stride, Force bodyweight) {
    const double peak_N = load.peak_vertical_force.value();
    const double mean_N = load.mean_vertical_force.value();
    std::string out;
    line(out, "model", load.model);
    line(out, "peak vertical force",
         fmt::format("{:.1f} N = {:.3f} BW = {:.1f} kgf (per foot contact)", peak_N,
                     load.peak_vertical_force_bw, to_kgf(load.peak_vertical_force)));
    line(out, "mean vertical force",
         fmt::format("{:.1f} N = {:.3f} BW (over the contact)", mean_N,
                     mean_N / bodyweight.value()));
    line(out, "vertical impulse", fmt::format("{:.2f} N s", load.vertical_impulse.value()));
    line(out, "contact time", fmt::format("{:.3f} s", load.contact_time.value()));
    line(out, "flight time", fmt::format("{:.3f} s", load.flight_time.value()));
    line(out, "step time",
         fmt::format("{:.3f} s (cadence {:.1f} steps/min)", load.step_time.value(),
                     60.0 / load.step_time.value()));
    // A non-zero grade changed the peaks (grf::adjust_for_grade), so say where that came from.
    line(out, "grade",
         stride.grade == 0.0
             ? std::string("0 (level)")
             : fmt::format("{:+.1f} % ({}hill; peaks adjusted after Gottschall & Kram 2005)",
                           100.0 * stride.grade, stride.grade < 0.0 ? "down" : "up"));
    auto newtons = [](double v) { return fmt::format("{:.1f} N", v); };
    auto stiffness = [](double v) { return fmt::format("{:.1f} N/m", v); };
    auto centimeters = [](double v) { return fmt::format("{:.2f} cm", 100.0 * v); };
    optional_line(out, "impact peak force", load.impact_peak_force, newtons);
    optional_line(out, "time of peak", load.time_of_peak,
                  [](double v) { return fmt::format("{:.3f} s after touchdown", v); });
    optional_line(out, "vertical stiffness", load.vertical_stiffness, stiffness);
    optional_line(out, "leg stiffness", load.leg_stiffness, stiffness);
    optional_line(out, "CoM displacement", load.com_displacement, centimeters);
    optional_line(out, "leg compression", load.leg_compression, centimeters);
    optional_line(out, "peak braking force", load.peak_braking_force, newtons);
    optional_line(out, "peak propulsive force", load.peak_propulsive_force, newtons);
    optional_line(out, "horizontal impulse", load.horizontal_impulse,
                  [](double v) { return fmt::format("{:.2f} N s (braking = propulsive)", v); });
    optional_line(out, "peak horizontal, corr.", load.peak_horizontal_force_corrected,
                  [](double v) { return fmt::format("{:.1f} N (speed-corrected)", v); });
    optional_line(out, "contact speed", load.contact_speed,
                  [](double v) { return fmt::format("{:.3f} m/s (mean over the contact)", v); });
    optional_line(out, "touchdown angle", load.touchdown_angle, [](double v) {
        return fmt::format("{:.1f} deg from vertical ({:.4f} rad)", v * 180.0 / M_PI, v);
    });
    return out;
}

std::string table_text(std::span<const ModelResult> results, const Athlete& athlete,
                       Acceleration gravity) {
    constexpr const char* row = "{:<17} {:>8} {:>6} {:>7} {:>8} {:>13} {:>11} {:>9} {:>10}\n";
    std::string out =
        fmt::format(fmt::runtime(row), "model", "peak [N]", "[BW]", "[kgf]", "mean [N]",
                    "impulse [N s]", "k_leg [N/m]", "brake [N]", "propel [N]");
    std::string notes;  // why a model could not run, numbered as marked in its row
    int note = 0;
    for (const ModelResult& r : results) {
        if (!r.load) {
            out += fmt::format("{:<17} {:>8}  [{}]\n", r.model, "n/a", ++note);
            notes +=
                wrap(fmt::format("{}: {}", r.model, r.error), fmt::format("[{}] ", note), 4, 100);
            continue;
        }
        const grf::StepLoad& load = *r.load;
        out += fmt::format(
            fmt::runtime(row), load.model, fmt::format("{:.1f}", load.peak_vertical_force.value()),
            fmt::format("{:.3f}", load.peak_vertical_force_bw),
            fmt::format("{:.1f}", to_kgf(load.peak_vertical_force)),
            fmt::format("{:.1f}", load.mean_vertical_force.value()),
            fmt::format("{:.2f}", load.vertical_impulse.value()),
            cell(load.leg_stiffness, "{:.1f}"), cell(load.peak_braking_force, "{:.1f}"),
            cell(load.peak_propulsive_force, "{:.1f}"));
    }
    if (!notes.empty()) out += '\n' + notes;
    // The comparison the tool exists for: the coaching rule against what force plates show.
    const Force bodyweight = athlete.bodyweight(gravity);
    const Force rule = 3.0 * bodyweight;
    out += fmt::format(
        "\nRule of thumb \"3x bodyweight\": 3 x {:g} kg x {:g} m/s^2 = {:.1f} N = {:.1f} kgf per "
        "foot contact.\n",
        athlete.mass.value(), gravity.value(), rule.value(), to_kgf(rule));
    out += fmt::format(
        "Research range for distance running: 2.2-2.8 BW per foot contact = {:.1f}-{:.1f} N = "
        "{:.1f}-{:.1f} kgf\n(Keller et al. 1996; Munro et al. 1987); about 3 BW only when fast "
        "or downhill.\n",
        2.2 * bodyweight.value(), 2.8 * bodyweight.value(), to_kgf(2.2 * bodyweight),
        to_kgf(2.8 * bodyweight));
    return out;
}

std::string models_text() {
    std::string out;
    for (const grf::ModelInfo& info : grf::models()) {
        if (!out.empty()) out += '\n';
        out += wrap(info.summary, fmt::format("{:<18} ", info.name), 19, 100);
        out += fmt::format("    needs: mass, contact and flight time{}; gives: {} GRF\n",
                           info.uses_speed_and_leg ? ", speed, leg length" : "",
                           info.horizontal ? "vertical and horizontal" : "vertical");
        out += wrap(fmt::format("source: {}", info.citation), "    ", 4, 100);
    }
    return out;
}

nlohmann::ordered_json models_json() {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const grf::ModelInfo& info : grf::models()) {
        list.push_back({{"name", info.name},
                        {"citation", info.citation},
                        {"summary", info.summary},
                        {"uses_speed_and_leg", info.uses_speed_and_leg},
                        {"horizontal", info.horizontal}});
    }
    return {{"models", std::move(list)}};
}

void write_waveform_csv(const std::string& path, const grf::Waveform& waveform) {
    const bool horizontal = waveform.horizontal_N.size() > 0;
    try {
        fmt::ostream csv = fmt::output_file(path);
        csv.print("time_s,vertical_N{}\n", horizontal ? ",horizontal_N" : "");
        // Adding +0.0 turns a sine's -0 into 0, which spreadsheets would otherwise show as "-0".
        for (Eigen::Index k = 0; k < waveform.time_s.size(); ++k) {
            if (horizontal)
                csv.print("{},{},{}\n", waveform.time_s[k], waveform.vertical_N[k] + 0.0,
                          waveform.horizontal_N[k] + 0.0);
            else
                csv.print("{},{}\n", waveform.time_s[k], waveform.vertical_N[k] + 0.0);
        }
        csv.close();
    } catch (const std::system_error& e) {
        throw WriteError(
            fmt::format("cannot write waveform to '{}': {}", path, e.code().message()));
    }
}

}  // namespace strideload::cli
