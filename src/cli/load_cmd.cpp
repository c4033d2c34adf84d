// `strideload load` — see load_cmd.hpp.
#include "load_cmd.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <variant>

#include "step_inputs.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/time_zone.hpp"
#include "strideload/load/calendar.hpp"

namespace strideload::cli {

namespace {

using Value = std::variant<double, std::string, bool>;
using Row = std::vector<std::pair<std::string, Value>>;

/// "2019-01-29T11:25:12+01:00": local time of a Unix time at an offset.
std::string local_iso(double unix_s, double offset_s) {
    const double local = std::floor(unix_s + offset_s);
    const load::CalendarDay day = load::local_day(local, 0.0);
    const auto sec = static_cast<long long>(local - static_cast<double>(day.days) * 86400.0);
    const auto off = static_cast<long long>(std::lround(offset_s / 60.0));
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", day.date, sec / 3600, sec / 60 % 60,
                       sec % 60, off < 0 ? '-' : '+', std::llabs(off) / 60, std::llabs(off) % 60);
}

void add_totals(Row& row, const load::LoadTotals& t, const std::vector<double>& edges) {
    load::for_each_field(t, [&](const char* name, double v) { row.emplace_back(name, v); });
    for (std::size_t i = 0; i < t.time_at_grade_s.size(); ++i)
        row.emplace_back(load::grade_band_name(edges, i), t.time_at_grade_s[i]);
}

nlohmann::json to_json(const Value& v) {
    if (const double* d = std::get_if<double>(&v))
        return std::isfinite(*d) ? nlohmann::json(*d) : nlohmann::json(nullptr);
    if (const bool* b = std::get_if<bool>(&v)) return *b;
    return std::get<std::string>(v);
}

std::string csv_cell(const Value& v) {
    if (const double* d = std::get_if<double>(&v))
        return std::isfinite(*d) ? fmt::format("{:.10g}", *d) : "";
    if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    const std::string& s = std::get<std::string>(v);
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

/// The value of column @p key of @p row, @p absent when the row has no such column.
template <class T>
T field(const Row& row, std::string_view key, T absent) {
    for (const auto& [k, v] : row)
        if (k == key) return std::get<T>(v);
    return absent;
}
double number(const Row& row, std::string_view key) { return field(row, key, double{NAN}); }
std::string text(const Row& row, std::string_view key) { return field(row, key, std::string{}); }

/// A compact table for people; JSON/CSV carry every column.
std::string table(const std::vector<Row>& rows, const std::string& first, const LoadArgs& a,
                  double bodyweight_N) {
    std::string out = fmt::format("{:<26}{:>5}{:>8}{:>8}{:>10}{:>9}{:>9}{:>8}{:>9}{:>9}{:>7}  {}\n",
                                  first, "sess", "km", "min", "steps", "impulse", "mean pk",
                                  "max pk", "psi", "N_eq", "S&C", "sports");
    out += fmt::format("{:<26}{:>5}{:>8}{:>8}{:>10}{:>9}{:>9}{:>8}{:>9}{:>9}{:>7}\n", "", "", "",
                       "", "", "[kBW.s]", "[BW]", "[BW]", "[BW]",
                       fmt::format("@{:g}BW", a.reference_load_bw), "[min]");
    for (const Row& r : rows) {
        const std::string label = first == "session"
                                      ? text(r, "start").substr(0, 16) + " " + text(r, "sport")
                                      : text(r, first == "day" ? "date" : "week");
        out += fmt::format(
            "{:<26}{:>5g}{:>8.2f}{:>8.0f}{:>10.0f}{:>9.2f}{:>9.2f}{:>8.2f}{:>9.1f}{:>9.0f}{:>7.0f} "
            " "
            "{}\n",
            label.substr(0, 25), number(r, "sessions"), number(r, "distance_m") / 1000.0,
            number(r, "duration_s") / 60.0, number(r, "steps"),
            number(r, "vertical_impulse_Ns") / bodyweight_N / 1000.0, number(r, "mean_peak_bw"),
            number(r, "max_peak_bw"), number(r, "stress_stimulus"), number(r, "equivalent_cycles"),
            number(r, "strength_min"),
            first == "week"
                ? text(r, "sport") +
                      (field(r, "strength_target_met", false) ? "  (S&C target met)" : "")
                : (first == "day" ? text(r, "sport") : text(r, "steps_from")));
    }
    return out;
}

/// A progress bar on stderr, redrawn in place; only when stderr is a terminal.
class Progress {
  public:
    Progress(std::size_t total, bool enabled)
        : total_(total), on_(enabled && total > 1 && ::isatty(STDERR_FILENO) == 1) {}
    void step(std::size_t done, const std::string& name) const {
        if (!on_) return;
        constexpr int width = 30;
        const int filled = static_cast<int>(width * done / total_);
        fmt::print(stderr, "\r[{:<{}}] {}/{} {:<40.40}", std::string(filled, '#'), width, done,
                   total_, name);
        if (done == total_) fmt::print(stderr, "\r{:<{}}\r", "", width + 60);
        std::fflush(stderr);
    }

  private:
    std::size_t total_;
    bool on_;
};

}  // namespace

void add_input_options(CLI::App& cmd, LoadArgs& a) {
    cmd.add_option("FILE", a.files,
                   "activity files (.fit, .tcx, .gpx) and training logs (.csv: date, kind, "
                   "duration_min, optional distance_km, cadence_spm, contact_time_ms, rpe, notes)")
        ->required();
    cmd.add_option("--mass-kg", a.mass_kg, "body mass [kg]")->required();
    cmd.add_option("--height-m", a.height_m,
                   "standing height [m]; leg length = 0.53 x height unless --leg-length-m");
    cmd.add_option("--leg-length-m", a.leg_length_m,
                   "leg length [m] (needed by models that use speed and leg length)");
    cmd.add_option("--model", a.model,
                   "per-step model (`strideload models`); clark2017 had the smallest peak-force "
                   "error on measured force data")
        ->capture_default_str();
    cmd.add_option("--sport", a.sport,
                   "treat every session as this sport (e.g. running), overriding the file's");
    cmd.add_option("--tz", a.time_zone,
                   "time zone of days and weeks, and of log times without an offset: UTC, "
                   "+01:00, or an IANA name such as Europe/Paris")
        ->capture_default_str();
    cmd.add_flag("--keep-valid-prefix", a.keep_valid_prefix,
                 "keep what precedes damage in a file (truncation, bad CRC, backwards time) "
                 "and warn about what was dropped, instead of failing");
    cmd.add_option("--stress-exponent", a.stress_exponent, "m of the daily stress stimulus psi")
        ->capture_default_str();
    cmd.add_option("--damage-exponent", a.damage_exponent,
                   "k of sum peak^k and of the Miner-equivalent cycles (bone ~ 6.6-7)")
        ->capture_default_str();
    cmd.add_option("--reference-load-bw", a.reference_load_bw,
                   "reference peak [BW] of the equivalent cycles")
        ->capture_default_str();
    cmd.add_option("--strength-target-sessions", a.strength_target_sessions,
                   "weekly strength & conditioning sessions target")
        ->capture_default_str();
    cmd.add_option("--strength-target-min", a.strength_target_min,
                   "minutes per strength & conditioning session of the target")
        ->capture_default_str();
    cmd.add_flag(
        "--no-progress", [&a](std::int64_t) { a.progress = false; }, "no progress bar on stderr");
}

void add_load_options(CLI::App& cmd, LoadArgs& a) {
    add_input_options(cmd, a);
    cmd.add_option("--by", a.by, "sum per session, day or week (ISO, Monday-Sunday)")
        ->check(CLI::IsMember({"session", "day", "week"}))
        ->capture_default_str();
    cmd.add_flag("--json", a.json,
                 "print JSON: {\"sessions\"|\"days\"|\"weeks\": [{\"sport\", \"start\", "
                 "\"duration_s\", \"distance_m\", \"steps\", \"vertical_impulse_Ns\", "
                 "\"mean_peak_N\", \"max_peak_N\", \"stress_stimulus\", ...}]}");
    cmd.add_flag("--csv", a.csv, "print the rows as CSV");
}

LoadedSessions read_sessions(const LoadArgs& a, std::vector<std::string>& warnings) {
    const grf::Model model = grf::model_from_name(a.model);
    const bool needs_leg = grf::model_info(model).uses_speed_and_leg;
    if (needs_leg && !a.leg_length_m && !a.height_m)
        throw UsageError(fmt::format("--leg-length-m (or --height-m) is required by {}", a.model));
    const Athlete athlete = make_athlete(*a.mass_kg, a.height_m, a.leg_length_m);
    // The zone is parsed before the aggregate is built: GCC 12 destroys the already-built
    // members twice when a later member's initializer throws (a double free, seen with an
    // unknown --tz).
    io::TimeZone parsed = io::TimeZone::parse(a.time_zone);
    LoadedSessions out{{}, {}, {}, std::move(parsed)};
    const io::TimeZone& zone = out.zone;

    load::SessionOptions& options = out.options;
    options.model = model;
    options.sport = a.sport;
    options.stress_exponent = a.stress_exponent;
    options.damage_exponent = a.damage_exponent;
    options.reference_load_bw = a.reference_load_bw;
    options.validate();
    load::DayOptions& days = out.days;
    days.utc_offset_s = zone;
    days.stress_exponent = a.stress_exponent;
    days.strength_target_sessions = a.strength_target_sessions;
    days.strength_target_min = a.strength_target_min;

    std::vector<load::SessionLoad>& sessions = out.sessions;
    const Progress progress(a.files.size(), a.progress);
    for (std::size_t f = 0; f < a.files.size(); ++f) {
        progress.step(f, a.files[f]);
        io::ActivityOptions read;
        read.keep_valid_prefix = a.keep_valid_prefix;
        read.log_time_zone = a.time_zone;  // log times without an offset are local in --tz
        const io::Activity activity = io::read_activity(a.files[f], read);
        for (const io::RowProblem& p : activity.dropped)
            warnings.push_back(p.reason.starts_with(a.files[f]) ? p.reason
                                                                : a.files[f] + ": " + p.reason);
        for (load::SessionLoad& s : load::session_load(activity, athlete, options))
            sessions.push_back(std::move(s));
    }
    progress.step(a.files.size(), "");
    std::sort(sessions.begin(), sessions.end(),
              [](const load::SessionLoad& x, const load::SessionLoad& y) {
                  return x.start_s < y.start_s;
              });

    return out;
}

std::string run_load(const LoadArgs& a, std::vector<std::string>& warnings) {
    check_output_flags(a.json, a.csv);
    const LoadedSessions loaded = read_sessions(a, warnings);
    const auto& [sessions, options, days, zone] = loaded;
    const auto& edges = options.grade_band_edges;
    std::vector<Row> rows;
    std::string key;
    if (a.by == "session") {
        key = "sessions";
        for (const load::SessionLoad& s : sessions) {
            Row r{{"source", s.source},
                  {"index", static_cast<double>(s.index)},
                  {"sport", s.sport},
                  {"sub_sport", s.sub_sport},
                  {"start", local_iso(s.start_s, zone.offset_s(s.start_s))},
                  {"start_s", s.start_s},
                  {"on_foot", s.on_foot},
                  {"strength", s.strength},
                  {"steps_from", s.steps_from},
                  {"contact_from", s.contact_from},
                  {"rpe", s.rpe}};
            add_totals(r, s.totals, edges);
            rows.push_back(std::move(r));
        }
    } else {
        const bool by_day = a.by == "day";
        key = by_day ? "days" : "weeks";
        for (const load::PeriodLoad& p :
             by_day ? load::daily_load(sessions, days) : load::weekly_load(sessions, days)) {
            Row r{{by_day ? "date" : "week", p.label}, {"start", p.start}, {"sport", p.sports}};
            add_totals(r, p.totals, edges);
            if (!by_day) {
                r.emplace_back("strength_target_fraction", p.strength_target_fraction);
                r.emplace_back("strength_target_met", p.strength_target_met);
            }
            rows.push_back(std::move(r));
        }
    }

    if (a.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const Row& r : rows) {
            nlohmann::json o = nlohmann::json::object();
            for (const auto& [k, v] : r) o[k] = to_json(v);
            list.push_back(std::move(o));
        }
        nlohmann::json out = nlohmann::json::object();
        out[key] = std::move(list);
        out["model"] = a.model;
        out["time_zone"] = zone.name();
        out["mass_kg"] = *a.mass_kg;
        return out.dump(2);
    }
    if (a.csv) {
        std::string out;
        if (rows.empty()) return out;
        for (std::size_t i = 0; i < rows.front().size(); ++i)
            out += (i ? "," : "") + rows.front()[i].first;
        out += '\n';
        for (const Row& r : rows) {
            for (std::size_t i = 0; i < r.size(); ++i)
                out += (i ? "," : "") + csv_cell(r[i].second);
            out += '\n';
        }
        return out;
    }
    const double bw = *a.mass_kg * options.model_options.gravity.value();
    std::string out = fmt::format("{} session(s) from {} file(s); model {}; time zone {}\n",
                                  sessions.size(), a.files.size(), a.model, zone.name());
    return out + table(rows, a.by, a, bw);
}

}  // namespace strideload::cli
