#include "force_cmd.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "step_inputs.hpp"
#include "strideload/accuracy/compare_models.hpp"
#include "strideload/io/force_table.hpp"
#include "strideload/strideload.hpp"
#include "strideload/waveform/accelerometer.hpp"
#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"

namespace strideload::cli {

namespace {

using json = nlohmann::ordered_json;

/// @brief A finite number, or JSON null (NaN: "not defined for this stance").
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

/// @brief The value of an option that must be one of @p allowed.
/// @throws UsageError naming the flag and the allowed values
template <class T>
T choose(std::string_view flag, const std::string& value,
         std::initializer_list<std::pair<std::string_view, T>> allowed) {
    std::vector<std::string_view> names;
    for (const auto& [name, v] : allowed) {
        if (name == value) return v;
        names.push_back(name);
    }
    throw UsageError(fmt::format("{} {}: must be one of {}", flag, value, fmt::join(names, ", ")));
}

void add_read_options(CLI::App& cmd, ReadArgs& a, bool vertical) {
    cmd.add_option("FILE", a.path, "force table (CSV/TSV/whitespace) or OpenSim .mot/.sto")
        ->required();
    cmd.add_option("--rate-hz", a.rate_hz,
                   "sample rate [Hz]; needed when the time column counts frames or is absent");
    if (vertical)
        cmd.add_option("--vertical-column", a.vertical_column,
                       "vertical force column [N]; required for a delimited table, optional "
                       "for .mot/.sto (ground_force_*_vy recognised)");
    cmd.add_option("--ap-column", a.ap_column,
                   "anterior-posterior force column [N] (braking/propulsive metrics)");
    cmd.add_option("--ml-column", a.ml_column, "medio-lateral force column [N]");
    cmd.add_option("--time-column", a.time_column,
                   "time column (default: one named time/t/frame/sample..., or none)");
    cmd.add_option("--time-unit", a.time_unit, "auto, seconds, milliseconds or frames")
        ->capture_default_str();
    cmd.add_option("--delimiter", a.delimiter,
                   "auto, tab, comma, semicolon, space, or one character")
        ->capture_default_str();
    cmd.add_option("--on-error", a.on_error,
                   "malformed rows: raise (stop with file:line) or collect (leave out, report "
                   "on stderr and in JSON)")
        ->capture_default_str();
    cmd.add_option("--filter-hz", a.filter_hz,
                   "zero-phase Butterworth low-pass cutoff [Hz] before detection (default: raw)");
    cmd.add_option("--filter-order", a.filter_order, "Butterworth order of --filter-hz")
        ->capture_default_str();
    cmd.add_option("--threshold-N", a.threshold_N, "a contact starts above this force [N]")
        ->capture_default_str();
    cmd.add_option("--release-N", a.release_N,
                   "and ends below this force [N] (hysteresis; default: --threshold-N)");
    cmd.add_option("--min-contact-s", a.min_contact_s, "shorter contacts are dropped [s]")
        ->capture_default_str();
    cmd.add_option("--min-flight-s", a.min_flight_s, "shorter dips do not end a contact [s]")
        ->capture_default_str();
}

/// A file read and its signals, ready for stance detection.
struct Signals {
    io::ForceTable table;
    Eigen::VectorXd vertical_N;
    Eigen::VectorXd ap_N;  ///< empty without an anterior-posterior column
};

io::ForceTable read_table(const ReadArgs& a, const std::string& vertical,
                          std::vector<std::string>& warnings) {
    io::ForceTableOptions o;
    o.vertical_column = vertical;
    o.anterior_posterior_column = a.ap_column;
    o.medio_lateral_column = a.ml_column;
    o.time_column = a.time_column;
    o.time_unit = choose<io::TimeUnit>("--time-unit", a.time_unit,
                                       {{"auto", io::TimeUnit::automatic},
                                        {"seconds", io::TimeUnit::seconds},
                                        {"milliseconds", io::TimeUnit::milliseconds},
                                        {"frames", io::TimeUnit::frames}});
    o.rate_hz = a.rate_hz;
    if (a.delimiter.size() == 1)
        o.delimiter = a.delimiter[0];
    else
        o.delimiter = choose<char>(
            "--delimiter", a.delimiter,
            {{"auto", '\0'}, {"tab", '\t'}, {"comma", ','}, {"semicolon", ';'}, {"space", ' '}});
    o.on_error =
        choose<io::OnError>("--on-error", a.on_error,
                            {{"raise", io::OnError::raise}, {"collect", io::OnError::collect}});
    io::ForceTable t = io::read_force(a.path, o);
    if (!t.problems.empty())
        warnings.push_back(fmt::format("{} of {} data rows of {} left out (first: line {}: {})",
                                       t.problems.size(), t.rows_read, a.path,
                                       t.problems.front().line, t.problems.front().reason));
    return t;
}

/// @brief Refuses a table whose time skips samples (rows left out in collect mode): a stance
/// across the gap would get a wrong contact time and impulse, and every later start time
/// would be early. The same rule as Python's stance_metrics.
/// @throws Error naming the gap and the first rows left out
void require_unbroken(const io::ForceTable& t) {
    for (Eigen::Index i = 1; i < t.time_s.size(); ++i) {
        const double steps = (t.time_s[i] - t.time_s[i - 1]) * t.rate_hz;
        if (std::abs(steps - 1.0) <= 0.5) continue;
        std::vector<std::string> lines;
        for (std::size_t k = 0; k < t.problems.size() && k < 5; ++k)
            lines.push_back(std::to_string(t.problems[k].line));
        throw Error("on_error",
                    fmt::format("samples are missing between t = {:g} and {:g} s of {} (rows left "
                                "out at line(s) {}); stance times need an unbroken signal: fix "
                                "or interpolate those rows",
                                t.time_s[i - 1], t.time_s[i], t.source, fmt::join(lines, ", ")));
    }
}

Eigen::VectorXd maybe_filter(Eigen::VectorXd x, const ReadArgs& a, double rate_hz) {
    if (!a.filter_hz || x.size() == 0) return x;
    return waveform::lowpass_filtfilt({x.data(), static_cast<std::size_t>(x.size())},
                                      a.filter_order, hertz(*a.filter_hz), hertz(rate_hz));
}

Signals read_signals(const ReadArgs& a, std::vector<std::string>& warnings) {
    Signals s{read_table(a, a.vertical_column, warnings), {}, {}};
    require_unbroken(s.table);
    s.vertical_N = maybe_filter(s.table.vertical_N(), a, s.table.rate_hz);
    bool has_ap = !s.table.plates.empty();
    for (const auto& p : s.table.plates) has_ap = has_ap && p.anterior_posterior >= 0;
    if (has_ap) s.ap_N = maybe_filter(s.table.anterior_posterior_N(), a, s.table.rate_hz);
    return s;
}

waveform::StanceOptions stance_options(const ReadArgs& a) {
    waveform::StanceOptions o;
    o.threshold = newtons(a.threshold_N);
    o.release = newtons(a.release_N.value_or(a.threshold_N));
    o.min_contact = seconds(a.min_contact_s);
    o.min_flight = seconds(a.min_flight_s);
    return o;
}

std::span<const double> span(const Eigen::VectorXd& v) {
    return {v.data(), static_cast<std::size_t>(v.size())};
}

/// Everything `force` computes; `compare` starts from it.
struct Measured {
    Signals signals;
    std::vector<waveform::Stance> stances;
    waveform::MetricOptions options;
    waveform::StanceTable table;
    waveform::StanceSummary summary;
};

Measured measure(const ForceArgs& args, std::vector<std::string>& warnings) {
    if (!args.mass_kg) throw UsageError("--mass-kg is required");
    Measured m{read_signals(args.read, warnings), {}, {}, {}, {}};
    const Frequency rate = hertz(m.signals.table.rate_hz);
    m.options.mass = kilograms(*args.mass_kg);
    m.options.gravity = meters_per_second_squared(args.gravity_m_s2);
    m.options.ap_sign =
        choose<waveform::ApSign>("--ap-sign", args.ap_sign,
                                 {{"propulsive_positive", waveform::ApSign::propulsive_positive},
                                  {"braking_positive", waveform::ApSign::braking_positive}});
    m.options.loading_rate_at_samples = args.loading_rate_at_samples;
    m.stances =
        waveform::detect_stances(span(m.signals.vertical_N), rate, stance_options(args.read));
    waveform::stance_metrics(span(m.signals.vertical_N), span(m.signals.ap_N), rate, m.stances,
                             m.options, m.table);
    if (m.table.size() == 0)
        throw Error("threshold_N", args.read.threshold_N,
                    fmt::format("a force that {} crosses for a complete contact of at least {} s "
                                "(no complete stance found)",
                                args.read.path, args.read.min_contact_s));
    m.summary = waveform::summarize(m.table, span(m.signals.vertical_N), rate, m.options);
    return m;
}

json input_json(const Measured& m, const ReadArgs& a) {
    json j;
    j["file"] = a.path;
    j["samples"] = m.signals.table.samples();
    j["rate_hz"] = m.signals.table.rate_hz;
    j["filter_hz"] = a.filter_hz ? json(*a.filter_hz) : json(nullptr);
    j["threshold_N"] = a.threshold_N;
    j["mass_kg"] = m.options.mass.value();
    j["rows_left_out"] = m.signals.table.problems.size();
    j["stances_detected"] = m.stances.size();
    return j;
}

json problems_json(const io::ForceTable& t) {
    json list = json::array();
    for (const io::RowProblem& p : t.problems)
        list.push_back({{"line", p.line}, {"reason", p.reason}});
    return list;
}

json summary_json(const waveform::StanceSummary& s) {
    json j;
    waveform::for_each_field(s, [&](const char* key, double v) {
        if (std::string_view(key) == "stances" || std::string_view(key) == "impact_peak_stances")
            j[key] = static_cast<long long>(v);
        else
            j[key] = number(v);
    });
    json cols;
    for (const waveform::ColumnSummary& c : s.columns)
        cols[std::string(c.key)] = {
            {"mean", number(c.mean)}, {"sd", number(c.sd)}, {"count", c.count}};
    j["columns"] = std::move(cols);
    return j;
}

std::string_view landmark_name(int landmark) {
    return landmark == 0 ? "impact_peak" : "stance_fraction";
}

json stances_json(const waveform::StanceTable& t) {
    json rows = json::array();
    for (Eigen::Index i = 0; i < t.size(); ++i) {
        json row;
        waveform::for_each_column(t, [&](const char* key, const auto& col) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(col)>, Eigen::VectorXd>)
                row[key] = number(col[i]);
            else if (std::string_view(key) == "loading_rate_landmark")
                row[key] = landmark_name(col[i]);
            else
                row[key] = col[i];
        });
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string stances_csv(const waveform::StanceTable& t) {
    std::vector<std::string> keys;
    waveform::for_each_column(t, [&](const char* key, const auto&) { keys.emplace_back(key); });
    std::string out = fmt::format("{}\n", fmt::join(keys, ","));
    for (Eigen::Index i = 0; i < t.size(); ++i) {
        std::vector<std::string> fields;
        waveform::for_each_column(t, [&](const char* key, const auto& col) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(col)>, Eigen::VectorXd>)
                fields.push_back(std::isfinite(col[i]) ? fmt::format("{:.17g}", col[i]) : "");
            else if (std::string_view(key) == "loading_rate_landmark")
                fields.emplace_back(landmark_name(col[i]));
            else
                fields.push_back(fmt::format("{}", col[i]));
        });
        out += fmt::format("{}\n", fmt::join(fields, ","));
    }
    return out;
}

/// "2.342 ± 0.053" of column @p key, scaled, or "n/a".
std::string mean_sd(const waveform::StanceSummary& s, std::string_view key, int digits,
                    double scale = 1.0) {
    const waveform::ColumnSummary& c = s.column(key);
    if (c.count == 0) return "n/a";
    if (c.count == 1) return fmt::format("{:.{}f}", c.mean * scale, digits);
    return fmt::format("{:.{}f} ± {:.{}f}", c.mean * scale, digits, c.sd * scale, digits);
}

std::string force_text(const Measured& m, const ReadArgs& a) {
    const waveform::StanceSummary& s = m.summary;
    std::string out;
    out += fmt::format("{:<16}{}: {} samples at {:g} Hz, {}\n", "file", a.path,
                       m.signals.table.samples(), m.signals.table.rate_hz,
                       a.filter_hz ? fmt::format("low-pass {:g} Hz (order {}, zero-phase)",
                                                 *a.filter_hz, a.filter_order)
                                   : std::string("raw (no filter)"));
    out +=
        fmt::format("{:<16}{} complete ({} detected, threshold {:g} N), {} with an impact peak\n",
                    "stances", s.stances, m.stances.size(), a.threshold_N, s.impact_peak_stances);
    out += fmt::format("{:<16}{:.1f} steps/min (step {:.4f} s), contact {} s, flight {} s\n",
                       "cadence", s.cadence_spm, s.step_time_s, mean_sd(s, "contact_time_s", 3),
                       mean_sd(s, "flight_time_s", 3));
    out += fmt::format("{:<16}{} BW = {} N\n", "active peak", mean_sd(s, "active_peak_bw", 3),
                       mean_sd(s, "active_peak_N", 0));
    out += fmt::format("{:<16}{} BW\n", "impact peak", mean_sd(s, "impact_peak_bw", 3));
    out += fmt::format(
        "{:<16}VALR {} BW/s, VILR {} BW/s (20-80 % of the impact peak; 13 % of "
        "stance without one)\n",
        "loading rate", mean_sd(s, "valr_bw_per_s", 1), mean_sd(s, "vilr_bw_per_s", 1));
    out += fmt::format("{:<16}{:.4f} BW·s per step vs step time {:.4f} s ({:+.1f} %)\n", "impulse",
                       s.impulse_per_step_bw_s, s.step_time_s,
                       100.0 * (s.impulse_per_step_bw_s / s.step_time_s - 1.0));
    out += fmt::format("{:<16}{:.4f} BW over {:.2f} s of whole steps (1 for steady running)\n",
                       "mean force", s.mean_force_bw, s.stride_span_s);
    if (m.signals.ap_N.size() > 0)
        out += fmt::format("{:<16}braking {} BW, propulsive {} BW\n", "AP peaks",
                           mean_sd(s, "braking_peak_bw", 3), mean_sd(s, "propulsive_peak_bw", 3));
    out +=
        fmt::format("\n{:>4} {:>8} {:>9} {:>8} {:>9} {:>9} {:>9} {:>10}\n", "#", "start_s",
                    "contact_s", "flight_s", "impact_BW", "active_BW", "VALR_BW/s", "impulse_Ns");
    const waveform::StanceTable& t = m.table;
    auto f = [](double v, int digits) {
        return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string("-");
    };
    for (Eigen::Index i = 0; i < t.size(); ++i)
        out += fmt::format("{:>4} {:>8} {:>9} {:>8} {:>9} {:>9} {:>9} {:>10}\n", i + 1,
                           f(t.start_s[i], 3), f(t.contact_time_s[i], 3), f(t.flight_time_s[i], 3),
                           f(t.impact_peak_bw[i], 3), f(t.active_peak_bw[i], 3),
                           f(t.valr_bw_per_s[i], 1), f(t.vertical_impulse_Ns[i], 2));
    return out;
}

}  // namespace

void add_force_options(CLI::App& cmd, ForceArgs& args) {
    add_read_options(cmd, args.read, true);
    cmd.add_option("--mass-kg", args.mass_kg, "body mass [kg] (bodyweight units)")->required();
    cmd.add_option("--gravity", args.gravity_m_s2, "gravitational acceleration [m/s^2]")
        ->capture_default_str();
    cmd.add_option("--ap-sign", args.ap_sign,
                   "propulsive_positive (+ = running direction) or braking_positive")
        ->capture_default_str();
    cmd.add_flag("--loading-rate-at-samples", args.loading_rate_at_samples,
                 "VALR/VILR window from the first samples at or above 20/80 % (the common "
                 "discrete form) instead of interpolated crossings");
    cmd.add_flag("--json", args.json, "print JSON: {\"summary\", \"stances\", ...}");
    cmd.add_flag("--csv", args.csv, "print the per-stance table as CSV");
}

void add_compare_options(CLI::App& cmd, CompareArgs& args) {
    add_force_options(cmd, args.force);
    cmd.add_option("--speed-m-s", args.speed_m_s, "running (belt) speed [m/s]")->required();
    cmd.add_option("--leg-length-m", args.leg_length_m, "leg length [m]");
    cmd.add_option("--height-m", args.height_m,
                   "standing height [m]; leg length = 0.53 x height unless --leg-length-m");
    cmd.add_option("--model", args.models,
                   "a model from `strideload models` (repeat; default all)");
    cmd.add_option("--bodyweight-multiple", args.bodyweight_multiple,
                   "constant_multiple: k in peak = k x bodyweight")
        ->capture_default_str();
    cmd.add_option("--loa-z", args.loa_z, "limits of agreement = bias ± z·SD")
        ->capture_default_str();
    cmd.add_option("--waveform-rate-hz", args.waveform_rate_hz,
                   "sample rate of the model waveforms whose loading rate is compared [Hz]")
        ->capture_default_str();
}

void add_accel_options(CLI::App& cmd, AccelArgs& args) {
    add_read_options(cmd, args.read, false);
    cmd.add_option("--accel-column", args.accel_column,
                   "vertical (hip, sacrum) or axial (shank) acceleration column [g], gravity "
                   "included (+1 g standing)")
        ->required();
    cmd.add_option("--method", args.method, "a method from `strideload accel-methods`")
        ->capture_default_str();
    cmd.add_option("--coefficients", args.coefficients,
                   "original, kiernan2023_wcs, kiernan2023_scs or kiernan2023_tccs "
                   "(neugebauer2014, charry2013)")
        ->capture_default_str();
    cmd.add_option("--wundersitz-cutoff-hz", args.wundersitz_cutoff_hz,
                   "wundersitz2013 low-pass [Hz] (0 = raw)")
        ->capture_default_str();
    cmd.add_option("--mass-kg", args.mass_kg, "body mass [kg]")->required();
    cmd.add_option("--stance-column", args.stance_column,
                   "force column [N] whose contacts (--threshold-N) segment the trace; without "
                   "it the whole file is one stance");
    cmd.add_flag("--json", args.json, "print JSON: {\"method\", \"summary\", \"stances\"}");
    cmd.add_flag("--csv", args.csv, "print the per-stance table as CSV");
}

std::string run_force(const ForceArgs& args, std::vector<std::string>& warnings) {
    check_output_flags(args.json, args.csv);
    const Measured m = measure(args, warnings);
    if (args.csv) return stances_csv(m.table);
    if (args.json) {
        json j;
        j["input"] = input_json(m, args.read);
        j["summary"] = summary_json(m.summary);
        j["stances"] = stances_json(m.table);
        j["problems"] = problems_json(m.signals.table);
        return j.dump(2);
    }
    return force_text(m, args.read);
}

namespace {

Athlete compare_athlete(const CompareArgs& args) {
    if (!args.leg_length_m && !args.height_m)
        throw UsageError("--leg-length-m (or --height-m) is required");
    return make_athlete(*args.force.mass_kg, args.height_m, args.leg_length_m);
}

/// Published accuracy of a model's peak force, when its source reports one.
std::string_view published_error(grf::Model model) {
    switch (model) {
        case grf::Model::morin2005:
            return "Morin 2005: Fmax -6.93 ± 2.52 % (treadmill), -3.24 ± 2.08 % (overground)";
        case grf::Model::constant_multiple:
            return "rule of thumb; distance running peaks 2.2-2.8 BW (Keller 1996, Munro 1987)";
        default:
            return {};
    }
}

json agreement_json(const accuracy::ComparisonRow& r) {
    const accuracy::Agreement& a = r.agreement;
    return {{"model", grf::model_info(r.model).name},
            {"metric", r.metric},
            {"unit", r.unit},
            {"n", a.n},
            {"n_missing", a.n_missing},
            {"bias_pct", number(a.bias_pct)},
            {"sd_pct", number(a.sd_pct)},
            {"loa_low_pct", number(a.loa_low_pct)},
            {"loa_high_pct", number(a.loa_high_pct)},
            {"mape_pct", number(a.mape_pct)},
            {"r2", number(a.r2)},
            {"bias", number(a.bias)},
            {"sd", number(a.sd)},
            {"loa_low", number(a.loa_low)},
            {"loa_high", number(a.loa_high)},
            {"pearson_r", number(a.pearson_r)},
            {"measured_mean", number(a.measured_mean)},
            {"model_mean", number(a.model_mean)},
            {"n_zero_measured", a.n_zero_measured}};
}

}  // namespace

std::string run_compare(const CompareArgs& args, std::vector<std::string>& warnings) {
    check_output_flags(args.force.json, args.force.csv);
    if (!args.speed_m_s) throw UsageError("--speed-m-s is required");
    const Athlete athlete = compare_athlete(args);
    const Measured m = measure(args.force, warnings);
    accuracy::CompareOptions o;
    for (const std::string& name : args.models) {
        if (name == "all") {
            o.models.clear();
            break;
        }
        o.models.push_back(grf::model_from_name(name));
    }
    o.model_options.gravity = meters_per_second_squared(args.force.gravity_m_s2);
    o.model_options.bodyweight_multiple = args.bodyweight_multiple;
    o.loa_z = args.loa_z;
    o.waveform_rate = hertz(args.waveform_rate_hz);
    o.metric_options = m.options;
    const accuracy::Comparison c = accuracy::compare_models(
        accuracy::measured_steps(m.table), athlete, meters_per_second(*args.speed_m_s), o);

    if (args.force.json || args.force.csv) {
        json rows = json::array();
        for (const accuracy::ComparisonRow& r : c.rows) rows.push_back(agreement_json(r));
        if (args.force.csv) {
            std::vector<std::string> keys;
            for (const auto& item : rows.front().items()) keys.push_back(item.key());
            std::string out = fmt::format("{}\n", fmt::join(keys, ","));
            for (const json& r : rows) {
                std::vector<std::string> fields;
                for (const auto& item : r.items())
                    fields.push_back(item.value().is_null()     ? std::string()
                                     : item.value().is_string() ? item.value().get<std::string>()
                                                                : item.value().dump());
                out += fmt::format("{}\n", fmt::join(fields, ","));
            }
            return out;
        }
        json refused = json::array();
        for (const accuracy::ModelSteps& p : c.predictions)
            if (p.n_failed > 0 || p.n_failed_loading_rate > 0)
                refused.push_back({{"model", grf::model_info(p.model).name},
                                   {"steps", p.n_failed},
                                   {"loading_rate_steps", p.n_failed_loading_rate},
                                   {"error", p.first_error}});
        json j;
        j["input"] = input_json(m, args.force.read);
        j["input"]["speed_m_s"] = *args.speed_m_s;
        j["input"]["leg_length_m"] = athlete.leg_length.value();
        j["measured"] = summary_json(m.summary);
        j["models"] = std::move(rows);
        j["refused"] = std::move(refused);
        return j.dump(2);
    }

    std::string out = fmt::format(
        "model accuracy on {} measured steps of {} ({:g} m/s, {:g} kg, leg {:.3f} m)\n"
        "error = model - measured, in % of measured; LoA = bias ± {:g} SD\n\n",
        m.table.size(), args.force.read.path, *args.speed_m_s, athlete.mass.value(),
        athlete.leg_length.value(), args.loa_z);
    out += fmt::format("{:<18} {:<22} {:>4} {:>8} {:>7} {:>18} {:>7} {:>8}\n", "model", "metric",
                       "n", "bias %", "SD %", "95 % LoA %", "MAPE %", "R²");
    auto f = [](double v, int digits) {
        return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string("n/a");
    };
    for (const accuracy::ComparisonRow& r : c.rows) {
        const accuracy::Agreement& a = r.agreement;
        out += fmt::format("{:<18} {:<22} {:>4} {:>8} {:>7} {:>18} {:>7} {:>8}\n",
                           grf::model_info(r.model).name, r.metric, a.n, f(a.bias_pct, 1),
                           f(a.sd_pct, 1),
                           fmt::format("[{}, {}]", f(a.loa_low_pct, 1), f(a.loa_high_pct, 1)),
                           f(a.mape_pct, 1), f(a.r2, 2));
    }
    // The steps the models were given: those with a contact and a flight time.
    Eigen::Index modelled = 0;
    for (Eigen::Index i = 0; i < m.table.size(); ++i)
        modelled +=
            std::isfinite(m.table.contact_time_s[i]) && std::isfinite(m.table.flight_time_s[i]);
    for (const accuracy::ModelSteps& p : c.predictions) {
        if (p.n_failed > 0)
            out += fmt::format("\n{}: {} of {} modelled steps refused (first: {})",
                               grf::model_info(p.model).name, p.n_failed, modelled, p.first_error);
        if (p.n_failed_loading_rate > 0)
            out +=
                fmt::format("\n{}: no loading rate for {} steps (first: {})",
                            grf::model_info(p.model).name, p.n_failed_loading_rate, p.first_error);
    }
    out += "\n\npublished accuracy:\n";
    for (const accuracy::ModelSteps& p : c.predictions)
        if (!published_error(p.model).empty())
            out += fmt::format("  {:<18} {}\n", grf::model_info(p.model).name,
                               published_error(p.model));
    out += fmt::format(
        "  measured here: the stances' own contact and flight times (threshold {:g} N) feed "
        "each model\n",
        args.force.read.threshold_N);
    return out;
}

namespace {

waveform::AccelCoefficients accel_coefficients(const std::string& name) {
    return choose<waveform::AccelCoefficients>(
        "--coefficients", name,
        {{"original", waveform::AccelCoefficients::original},
         {"kiernan2023_wcs", waveform::AccelCoefficients::kiernan2023_wcs},
         {"kiernan2023_scs", waveform::AccelCoefficients::kiernan2023_scs},
         {"kiernan2023_tccs", waveform::AccelCoefficients::kiernan2023_tccs}});
}

}  // namespace

std::string accel_methods_report(bool as_json) {
    if (as_json) {
        json list = json::array();
        for (const waveform::AccelMethodInfo& m : waveform::accel_methods())
            list.push_back({{"name", m.name},
                            {"location", waveform::sensor_location_name(m.location)},
                            {"equation", m.equation},
                            {"waveform", m.waveform},
                            {"citation", m.citation},
                            {"published_error", m.published_error}});
        return json{{"methods", std::move(list)}}.dump(2);
    }
    std::string out;
    for (const waveform::AccelMethodInfo& m : waveform::accel_methods())
        out += fmt::format("{} ({}, {})\n  {}\n  {}\n  published error: {}\n\n", m.name,
                           waveform::sensor_location_name(m.location),
                           m.waveform ? "waveform" : "peak only", m.equation, m.citation,
                           m.published_error);
    return out;
}

std::string run_accel(const AccelArgs& args, std::vector<std::string>& warnings) {
    check_output_flags(args.json, args.csv);
    if (!args.mass_kg) throw UsageError("--mass-kg is required");
    const waveform::AccelMethod method = waveform::accel_method_from_name(args.method);
    waveform::AccelOptions options;
    options.coefficients = accel_coefficients(args.coefficients);
    options.wundersitz_cutoff = hertz(args.wundersitz_cutoff_hz);
    // The reader needs a "vertical" column: the stance column when given, else the trace.
    const io::ForceTable t = read_table(
        args.read, args.stance_column.empty() ? args.accel_column : args.stance_column, warnings);
    require_unbroken(t);
    const Eigen::VectorXd accel_g = t.column(args.accel_column);
    const Frequency rate = hertz(t.rate_hz);
    std::vector<waveform::StanceBounds> bounds;
    Eigen::VectorXd force_N;
    if (args.stance_column.empty()) {
        bounds.emplace_back(0, accel_g.size());
    } else {
        force_N = maybe_filter(t.column(args.stance_column), args.read, t.rate_hz);
        for (const waveform::Stance& s :
             waveform::detect_stances(span(force_N), rate, stance_options(args.read)))
            if (s.complete) bounds.emplace_back(s.begin, s.end);
        if (bounds.empty())
            throw Error("threshold_N", args.read.threshold_N,
                        fmt::format("a force that {} of {} crosses for a complete contact",
                                    args.stance_column, args.read.path));
    }
    const waveform::AccelBatch b = waveform::vgrf_from_accel_batch(
        method, span(accel_g), rate, kilograms(*args.mass_kg), bounds, options);

    const auto& info = waveform::accel_method_info(method);
    const bool measured = force_N.size() > 0;
    auto row_values = [&](std::size_t i) {
        const auto [begin, end] = bounds[i];
        const double start_s = static_cast<double>(begin) / t.rate_hz;
        const double duration_s = static_cast<double>(end - begin) / t.rate_hz;
        const auto k = static_cast<Eigen::Index>(i);
        const double measured_N =
            measured ? force_N.segment(begin, end - begin).maxCoeff() : std::nan("");
        return std::array<double, 5>{start_s, duration_s, b.peak_vertical_force_N[k],
                                     b.peak_vertical_force_bw[k], measured_N};
    };
    const std::array<std::string_view, 5> keys{"start_s", "duration_s", "peak_vertical_force_N",
                                               "peak_vertical_force_bw", "measured_peak_N"};
    if (args.csv) {
        std::string out = fmt::format("{}\n", fmt::join(keys, ","));
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            const auto v = row_values(i);
            out += fmt::format("{:.17g},{:.17g},{:.17g},{:.17g},{}\n", v[0], v[1], v[2], v[3],
                               std::isfinite(v[4]) ? fmt::format("{:.17g}", v[4]) : "");
        }
        return out;
    }
    const double mean_peak_N = b.peak_vertical_force_N.mean();
    const double mean_peak_bw = b.peak_vertical_force_bw.mean();
    if (args.json) {
        json rows = json::array();
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            const auto v = row_values(i);
            json row;
            for (std::size_t k = 0; k < keys.size(); ++k) row[std::string(keys[k])] = number(v[k]);
            rows.push_back(std::move(row));
        }
        json j;
        j["method"] = {{"name", info.name},
                       {"citation", info.citation},
                       {"location", waveform::sensor_location_name(info.location)},
                       {"equation", info.equation},
                       {"published_error", info.published_error}};
        j["summary"] = {{"stances", bounds.size()},
                        {"peak_vertical_force_N", mean_peak_N},
                        {"peak_vertical_force_bw", mean_peak_bw}};
        j["stances"] = std::move(rows);
        return j.dump(2);
    }
    std::string out = fmt::format("{:<16}{} ({}; {})\n{:<16}{}\n", "method", info.name,
                                  waveform::sensor_location_name(info.location), info.equation,
                                  "published error", info.published_error);
    out += fmt::format("{:<16}{} at {:g} Hz, {} stance{}\n", "input", args.read.path, t.rate_hz,
                       bounds.size(), bounds.size() == 1 ? "" : "s");
    out += fmt::format("{:<16}{:.0f} N = {:.3f} BW (mean over stances)\n", "peak vGRF", mean_peak_N,
                       mean_peak_bw);
    out += fmt::format("\n{:>4} {:>8} {:>10} {:>9} {:>8}{}\n", "#", "start_s", "duration_s",
                       "peak_N", "peak_BW", measured ? "  measured_peak_N" : "");
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const auto v = row_values(i);
        out += fmt::format("{:>4} {:>8.3f} {:>10.3f} {:>9.1f} {:>8.3f}{}\n", i + 1, v[0], v[1],
                           v[2], v[3], measured ? fmt::format(" {:>16.1f}", v[4]) : "");
    }
    return out;
}

}  // namespace strideload::cli
