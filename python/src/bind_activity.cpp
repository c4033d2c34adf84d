// Bindings of the activity pipeline: io::read_activity (io/activity.hpp), io::TimeZone
// (io/time_zone.hpp), load::session_steps (load/steps.hpp), load::session_load
// (load/session.hpp) and load::daily_load / weekly_load (load/calendar.hpp).
//
// The C++ Activity lives in a py::class_ with a shared_ptr holder; its record columns reach
// Python as read-only numpy arrays viewing the C++ vectors, with the Python Activity object as
// their base (kept alive by them, never copied), so session_load reads the same records. The
// GIL is released while files are read and sessions are loaded: only C++ objects are touched.
// Tables come back as dicts of columns; the pandas DataFrames are built in
// strideload/activity.py. strideload::Error (and io::FileError, a subclass) is ValueError;
// std::filesystem::filesystem_error is OSError (translator registered in bind_io.cpp).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <strideload/athlete.hpp>
#include <strideload/grf/models.hpp>
#include <strideload/io/activity.hpp>
#include <strideload/io/time_zone.hpp>
#include <strideload/load/calendar.hpp>
#include <strideload/load/session.hpp>
#include <strideload/load/steps.hpp>
#include <string>
#include <utility>
#include <vector>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;
namespace io = strideload::io;
namespace ld = strideload::load;

namespace {

using ActivityPtr = std::shared_ptr<io::Activity>;

// Record columns by name, in the order of ActivityRecords.
using Column = std::vector<double> io::ActivityRecords::*;
struct NamedColumn {
    const char* name;
    Column column;
};
constexpr NamedColumn record_columns[] = {
    {"time_s", &io::ActivityRecords::time_s},
    {"latitude_deg", &io::ActivityRecords::latitude_deg},
    {"longitude_deg", &io::ActivityRecords::longitude_deg},
    {"distance_m", &io::ActivityRecords::distance_m},
    {"speed_m_s", &io::ActivityRecords::speed_m_s},
    {"altitude_m", &io::ActivityRecords::altitude_m},
    {"heart_rate_bpm", &io::ActivityRecords::heart_rate_bpm},
    {"cadence_rpm", &io::ActivityRecords::cadence_rpm},
    {"stance_time_s", &io::ActivityRecords::stance_time_s},
    {"step_length_m", &io::ActivityRecords::step_length_m},
    {"vertical_oscillation_m", &io::ActivityRecords::vertical_oscillation_m},
    {"power_W", &io::ActivityRecords::power_W},
};

std::string record_column_names() {
    std::string names;
    for (const NamedColumn& c : record_columns)
        names += (names.empty() ? "" : ", ") + std::string(c.name);
    return names;
}

// A read-only 1-D array viewing @p v, kept alive through @p owner.
py::array view_of(const std::vector<double>& v, const py::handle owner) {
    py::array a(py::dtype::of<double>(), {static_cast<py::ssize_t>(v.size())},
                {static_cast<py::ssize_t>(sizeof(double))}, v.data(), owner);
    a.attr("setflags")(py::arg("write") = false);
    return a;
}

io::Activity read(const std::filesystem::path& path, bool keep_valid_prefix,
                  const std::string& format, const std::string& time_zone) {
    // Log rows without an offset are local times of time_zone, placed with that zone's rules
    // at their own date (daylight saving included).
    io::ActivityOptions o;
    o.keep_valid_prefix = keep_valid_prefix;
    o.format = format;
    o.log_time_zone = time_zone;
    return io::read_activity(path, o);
}

py::dict sessions_of(const io::Activity& a) {
    std::vector<std::string> sport, sub_sport, notes;
    std::vector<double> start_s, duration_s, moving_time_s, distance_m, utc_offset_s, cadence_spm,
        contact_time_s, rpe;
    std::vector<std::size_t> first_record, end_record;
    for (const io::ActivitySession& s : a.sessions) {
        sport.push_back(s.sport);
        sub_sport.push_back(s.sub_sport);
        start_s.push_back(s.start_s);
        duration_s.push_back(s.duration_s);
        moving_time_s.push_back(s.moving_time_s);
        distance_m.push_back(s.distance_m);
        first_record.push_back(s.first_record);
        end_record.push_back(s.end_record);
        utc_offset_s.push_back(s.utc_offset_s);
        cadence_spm.push_back(s.cadence_spm);
        contact_time_s.push_back(s.contact_time_s);
        rpe.push_back(s.rpe);
        notes.push_back(s.notes);
    }
    py::dict d;
    d["sport"] = py::cast(sport);
    d["sub_sport"] = py::cast(sub_sport);
    d["start_s"] = py::array(py::cast(start_s));
    d["duration_s"] = py::array(py::cast(duration_s));
    d["moving_time_s"] = py::array(py::cast(moving_time_s));
    d["distance_m"] = py::array(py::cast(distance_m));
    d["first_record"] = py::array(py::cast(first_record));
    d["end_record"] = py::array(py::cast(end_record));
    d["utc_offset_s"] = py::array(py::cast(utc_offset_s));
    d["cadence_spm"] = py::array(py::cast(cadence_spm));
    d["contact_time_s"] = py::array(py::cast(contact_time_s));
    d["rpe"] = py::array(py::cast(rpe));
    d["notes"] = py::cast(notes);
    return d;
}

// StepOptions from Python keywords; an unknown name is an Error listing the allowed ones.
ld::StepOptions step_options(const py::dict& kwargs) {
    ld::StepOptions o;
    struct Named {
        const char* name;
        double ld::StepOptions::*field;
    };
    static constexpr Named fields[] = {
        {"pause_gap_s", &ld::StepOptions::pause_gap_s},
        {"min_moving_speed_m_s", &ld::StepOptions::min_moving_speed_m_s},
        {"max_speed_m_s", &ld::StepOptions::max_speed_m_s},
        {"assumed_cadence_spm", &ld::StepOptions::assumed_cadence_spm},
        {"min_cadence_spm", &ld::StepOptions::min_cadence_spm},
        {"max_cadence_spm", &ld::StepOptions::max_cadence_spm},
        {"grade_window_m", &ld::StepOptions::grade_window_m},
        {"max_grade", &ld::StepOptions::max_grade},
    };
    for (const auto& [key, value] : kwargs) {
        const std::string name = py::str(key);
        if (name == "contact_relation") {
            const std::string which = py::str(value);
            if (which == "male")
                o.contact_relation = {};
            else if (which == "female")
                o.contact_relation = ld::StanceForceRelation::female();
            else
                throw sl::Error(
                    "contact_relation",
                    "'" + which + "' is not one of: male, female (Weyand & Davis 2005)");
            continue;
        }
        bool found = false;
        for (const Named& f : fields)
            if (name == f.name) {
                o.*f.field = value.cast<double>();
                found = true;
            }
        if (!found) {
            std::string allowed;
            for (const Named& f : fields) allowed += std::string(f.name) + ", ";
            throw sl::Error(name, "unknown step option: allowed " + allowed + "contact_relation");
        }
    }
    o.validate();
    return o;
}

std::vector<std::string> grade_names(const std::vector<double>& edges) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i <= edges.size(); ++i) names.push_back(ld::grade_band_name(edges, i));
    return names;
}

// The LoadTotals of @p rows as columns named by for_each_field, then the grade bands.
template <class Row, class Get>
void add_totals(py::dict& d, const std::vector<Row>& rows, Get&& totals,
                const std::vector<std::string>& band_names) {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;
    ld::for_each_field(ld::LoadTotals{}, [&](const char* name, double) {
        names.emplace_back(name);
        columns.emplace_back();
    });
    for (const Row& r : rows) {
        std::size_t i = 0;
        ld::for_each_field(totals(r), [&](const char*, double v) { columns[i++].push_back(v); });
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        d[py::str(names[i])] = py::array(py::cast(columns[i]));
    for (std::size_t b = 0; b < band_names.size(); ++b) {
        std::vector<double> band;
        for (const Row& r : rows) {
            const auto& t = totals(r).time_at_grade_s;
            band.push_back(b < t.size() ? t[b] : 0.0);
        }
        d[py::str(band_names[b])] = py::array(py::cast(band));
    }
}

py::dict session_table(const std::vector<ld::SessionLoad>& loads,
                       const std::vector<double>& edges) {
    py::dict d;
    std::vector<std::string> source, sport, sub_sport, steps_from, contact_from;
    std::vector<std::size_t> index;
    std::vector<double> start_s, rpe;
    std::vector<bool> on_foot, strength;
    for (const ld::SessionLoad& l : loads) {
        source.push_back(l.source);
        index.push_back(l.index);
        sport.push_back(l.sport);
        sub_sport.push_back(l.sub_sport);
        start_s.push_back(l.start_s);
        on_foot.push_back(l.on_foot);
        strength.push_back(l.strength);
        steps_from.push_back(l.steps_from);
        contact_from.push_back(l.contact_from);
        rpe.push_back(l.rpe);
    }
    d["source"] = py::cast(source);
    d["index"] = py::array(py::cast(index));
    d["sport"] = py::cast(sport);
    d["sub_sport"] = py::cast(sub_sport);
    d["start_s"] = py::array(py::cast(start_s));
    d["on_foot"] = py::array(py::cast(on_foot));
    d["strength"] = py::array(py::cast(strength));
    d["steps_from"] = py::cast(steps_from);
    d["contact_from"] = py::cast(contact_from);
    d["rpe"] = py::array(py::cast(rpe));
    add_totals(
        d, loads, [](const ld::SessionLoad& l) -> const ld::LoadTotals& { return l.totals; },
        grade_names(edges));
    return d;
}

// SessionLoads rebuilt from session_load's columns: the totals by name, Σ n·peak^m = ψ^m.
std::vector<ld::SessionLoad> sessions_from(const std::vector<double>& start_s,
                                           const std::vector<std::string>& sport,
                                           const std::map<std::string, std::vector<double>>& fields,
                                           const std::vector<std::vector<double>>& bands,
                                           double stress_exponent) {
    const std::size_t n = start_s.size();
    auto check = [n](const std::string& name, std::size_t size) {
        if (size != n)
            throw sl::Error(name, static_cast<double>(size),
                            "one value per session (" + std::to_string(n) + ")");
    };
    check("sport", sport.size());
    std::vector<ld::SessionLoad> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        out[i].start_s = start_s[i];
        out[i].sport = sport[i];
        out[i].totals.time_at_grade_s.assign(bands.size(), 0.0);
    }
    for (std::size_t i = 0; i < n; ++i) {
        ld::for_each_field(out[i].totals, [&](const char* name, double& v) {
            const auto it = fields.find(name);
            if (it == fields.end())
                throw sl::Error(name, "missing column: pass the DataFrame of session_load");
            check(name, it->second.size());
            v = it->second[i];
        });
        ld::LoadTotals& t = out[i].totals;
        t.stress_power_sum = std::pow(t.stress_stimulus, stress_exponent);
        for (std::size_t b = 0; b < bands.size(); ++b) {
            check("time_grade columns", bands[b].size());
            t.time_at_grade_s[b] = bands[b][i];
        }
    }
    return out;
}

py::dict period_table(const std::vector<ld::PeriodLoad>& periods,
                      const std::vector<std::string>& band_names, bool weeks) {
    py::dict d;
    std::vector<std::string> label, start, sports;
    std::vector<bool> met;
    std::vector<double> fraction;
    for (const ld::PeriodLoad& p : periods) {
        label.push_back(p.label);
        start.push_back(p.start);
        sports.push_back(p.sports);
        met.push_back(p.strength_target_met);
        fraction.push_back(p.strength_target_fraction);
    }
    d["label"] = py::cast(label);
    d["start"] = py::cast(start);
    d["sports"] = py::cast(sports);
    add_totals(
        d, periods, [](const ld::PeriodLoad& p) -> const ld::LoadTotals& { return p.totals; },
        band_names);
    if (weeks) {
        d["strength_target_met"] = py::array(py::cast(met));
        d["strength_target_fraction"] = py::array(py::cast(fraction));
    }
    return d;
}

}  // namespace

void bind_activity(py::module_& m) {
    py::class_<io::Activity, ActivityPtr>(
        m, "Activity",
        "An activity file read into records and sessions (internal; strideload.Activity wraps "
        "it). Record columns are read-only views of the C++ vectors.")
        .def_readonly("source", &io::Activity::source)
        .def_readonly("format", &io::Activity::format)
        .def_property_readonly("size", [](const io::Activity& a) { return a.records.size(); })
        .def_property_readonly("dropped",
                               [](const io::Activity& a) {
                                   py::list l;
                                   for (const io::RowProblem& p : a.dropped)
                                       l.append(py::make_tuple(p.line, p.reason));
                                   return l;
                               })
        .def(
            "column",
            [](py::object self, const std::string& name) {
                const io::Activity& a = self.cast<const io::Activity&>();
                for (const NamedColumn& c : record_columns)
                    if (name == c.name) return view_of(a.records.*c.column, self);
                throw sl::Error("column", "'" + name + "' is not a record column: allowed " +
                                              record_column_names());
            },
            py::arg("name"),
            "A record column as a read-only float64 array viewing the C++ storage (no copy).\n\n"
            "Parameters\n----------\nname : str\n    One of RECORD_COLUMNS (SI units in the "
            "name; NaN where not recorded).")
        .def("sessions", &sessions_of, "The sessions as a dict of columns (see read_activity).");

    py::list names;
    for (const NamedColumn& c : record_columns) names.append(c.name);
    m.attr("RECORD_COLUMNS") = py::tuple(names);

    m.def(
        "read_activity",
        [](const std::filesystem::path& path, bool keep_valid_prefix, const std::string& format,
           const std::string& time_zone) {
            io::Activity a;
            {
                py::gil_scoped_release release;
                a = read(path, keep_valid_prefix, format, time_zone);
            }
            return std::make_shared<io::Activity>(std::move(a));
        },
        py::arg("path"), py::arg("keep_valid_prefix"), py::arg("format"), py::arg("time_zone"),
        "Reads a FIT, TCX, GPX or training-log CSV file (internal; strideload.read_activity is "
        "the public form). Log times without an offset are local times of time_zone.");

    m.def(
        "utc_offset_s",
        [](const std::string& time_zone, double unix_s) {
            return io::TimeZone::parse(time_zone).offset_s(unix_s);
        },
        py::arg("time_zone"), py::arg("unix_s"),
        "Local time - UTC [s] of a time zone ('UTC', '+01:00', 'Europe/Paris') at a Unix time "
        "[s].");

    m.def(
        "session_steps",
        [](const ActivityPtr& activity, std::size_t session, const py::dict& options) {
            const ld::StepOptions o = step_options(options);
            ld::StepEstimates e;
            {
                py::gil_scoped_release release;
                e = ld::session_steps(*activity, session, o);
            }
            py::dict d;
            d["time_s"] = py::array(py::cast(e.time_s));
            d["duration_s"] = py::array(py::cast(e.duration_s));
            d["steps"] = py::array(py::cast(e.steps));
            d["speed_m_s"] = py::array(py::cast(e.speed_m_s));
            d["contact_time_s"] = py::array(py::cast(e.contact_time_s));
            d["flight_time_s"] = py::array(py::cast(e.flight_time_s));
            d["grade"] = py::array(py::cast(e.grade));
            const ld::StepReport& r = e.report;
            py::dict report;
            report["moving_s"] = r.moving_s;
            report["paused_s"] = r.paused_s;
            report["standing_s"] = r.standing_s;
            report["steps_from_cadence"] = r.steps_from_cadence;
            report["steps_from_step_length"] = r.steps_from_step_length;
            report["steps_assumed"] = r.steps_assumed;
            report["steps_from_log"] = r.steps_from_log;
            report["contact_from_stance_time"] = r.contact_from_stance_time;
            report["contact_from_relation"] = r.contact_from_relation;
            report["walking_steps"] = r.walking_steps;
            report["gps_spikes"] = r.gps_spikes;
            report["grade_clipped"] = r.grade_clipped;
            report["speed_filled"] = r.speed_filled;
            report["steps_from"] = r.steps_from();
            report["contact_from"] = r.contact_from();
            return py::make_tuple(d, report);
        },
        py::arg("activity"), py::arg("session"), py::arg("options"),
        "Step estimates of one session (internal; strideload.session_steps is the public form).");

    m.def(
        "session_load",
        [](const ActivityPtr& activity, double mass_kg, std::optional<double> height_m,
           std::optional<double> leg_length_m, const std::string& model, const std::string& sport,
           double stress_exponent, double damage_exponent, double reference_load_bw,
           const std::vector<double>& grade_band_edges, const py::dict& step_kwargs) {
            ld::SessionOptions o;
            o.model = sl::grf::model_from_name(model);
            o.steps = step_options(step_kwargs);
            o.sport = sport;
            o.stress_exponent = stress_exponent;
            o.damage_exponent = damage_exponent;
            o.reference_load_bw = reference_load_bw;
            o.grade_band_edges = grade_band_edges;
            o.validate();
            const sl::Athlete athlete =
                sl::python::athlete_of(mass_kg, leg_length_m, height_m, {&o.model, 1});
            std::vector<ld::SessionLoad> loads;
            {
                py::gil_scoped_release release;
                loads = ld::session_load(*activity, athlete, o);
            }
            return session_table(loads, o.grade_band_edges);
        },
        py::arg("activity"), py::arg("mass_kg"), py::arg("height_m"), py::arg("leg_length_m"),
        py::arg("model"), py::arg("sport"), py::arg("stress_exponent"), py::arg("damage_exponent"),
        py::arg("reference_load_bw"), py::arg("grade_band_edges"), py::arg("step_options"),
        "Load of every session of an activity as a dict of columns (internal; "
        "strideload.session_load is the public form).");

    m.def(
        "period_load",
        [](const std::vector<double>& start_s, const std::vector<std::string>& sport,
           const std::map<std::string, std::vector<double>>& fields,
           const std::vector<std::vector<double>>& bands,
           const std::vector<std::string>& band_names, const std::string& time_zone,
           double stress_exponent, bool weeks, double strength_target_sessions,
           double strength_target_min) {
            sl::detail::require_in("stress_exponent", stress_exponent, 1.0, 20.0, "");
            if (band_names.size() != bands.size())
                throw sl::Error("band_names", static_cast<double>(band_names.size()),
                                "one name per grade band");
            const std::vector<ld::SessionLoad> sessions =
                sessions_from(start_s, sport, fields, bands, stress_exponent);
            ld::DayOptions o;
            o.utc_offset_s = io::TimeZone::parse(time_zone);
            o.stress_exponent = stress_exponent;
            o.strength_target_sessions = strength_target_sessions;
            o.strength_target_min = strength_target_min;
            std::vector<ld::PeriodLoad> periods;
            {
                py::gil_scoped_release release;
                periods = weeks ? ld::weekly_load(sessions, o) : ld::daily_load(sessions, o);
            }
            return period_table(periods, band_names, weeks);
        },
        py::arg("start_s"), py::arg("sport"), py::arg("fields"), py::arg("bands"),
        py::arg("band_names"), py::arg("time_zone"), py::arg("stress_exponent"), py::arg("weeks"),
        py::arg("strength_target_sessions"), py::arg("strength_target_min"),
        "Session loads summed per local day or ISO week as a dict of columns (internal; "
        "strideload.daily_load / weekly_load are the public forms).");
}
