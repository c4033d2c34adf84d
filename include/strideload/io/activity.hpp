/// @file
/// @brief Activities from watches and training logs: FIT, TCX, GPX and a hand-written
/// training-log CSV, read into one shape (`Activity`: records + sessions) for the load pipeline.
///
/// - **FIT** is decoded by `decode_fit` (io/fit.hpp) and converted here; FIT times are UTC
///   seconds since 1989-12-31 and become Unix seconds.
/// - **TCX** (Garmin Training Center Database v2) and **GPX 1.1** (topografix, with Garmin's
///   TrackPointExtension v1/v2) are parsed with pugixml. TCX `<Activity Sport=...>` and GPX
///   `<trk><type>` give the sport; every TCX `<Activity>` and every GPX `<trk>` is a session.
/// - **Training log CSV**: one session per row, for people who log by hand (see
///   `read_training_log` for the columns).
///
/// Units everywhere: Unix time [s] (UTC), SI units named in the field. A quantity the device
/// did not record is NaN — never zero. Running cadence is kept as recorded: FIT, TCX and
/// Garmin's GPX extensions record **strides per minute of one foot** (steps = 2 × cadence);
/// a ride records crank revolutions per minute.
///
/// Damaged input (truncated file, bad CRC, bad or non-monotonic timestamp) throws a
/// `FileError` naming the byte offset (binary) or line (text). With
/// `ActivityOptions::keep_valid_prefix` the reader instead returns what precedes the damage
/// and lists what it dropped, and why, in `Activity::dropped`.
#pragma once

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strideload/io/fit.hpp"
#include "strideload/io/force_table.hpp"

namespace strideload::io {

/// Per-record time series of an activity, one entry per record in every column (NaN where the
/// device did not record a quantity). Records of all sessions, in time order.
struct ActivityRecords {
    std::vector<double> time_s;                  ///< Unix time [s], UTC
    std::vector<double> latitude_deg;            ///< WGS84 latitude [deg]
    std::vector<double> longitude_deg;           ///< WGS84 longitude [deg]
    std::vector<double> distance_m;              ///< cumulative distance recorded [m]
    std::vector<double> speed_m_s;               ///< speed recorded [m/s]
    std::vector<double> altitude_m;              ///< altitude [m]
    std::vector<double> heart_rate_bpm;          ///< heart rate [1/min]
    std::vector<double> cadence_rpm;             ///< as recorded; running: strides/min of one foot
    std::vector<double> stance_time_s;           ///< ground contact time [s]
    std::vector<double> step_length_m;           ///< step length [m]
    std::vector<double> vertical_oscillation_m;  ///< vertical oscillation [m]
    std::vector<double> power_W;                 ///< power [W]

    /// @brief Number of records.
    std::size_t size() const noexcept { return time_s.size(); }
    /// @brief Appends one record with every quantity NaN except the time; returns its index.
    /// @param time_s Unix time [s].
    std::size_t push_back(double time_s);
    /// @brief Keeps the first @p n records (n ≤ size()).
    void truncate(std::size_t n);
};

/// One session of an activity: a run, a ride, a strength session, a triathlon leg.
struct ActivitySession {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    /// Sport in lower case with underscores, as the file names it: "running", "walking",
    /// "hiking", "cycling", "swimming", "training", "strength_training", "transition",
    /// "other", ... (FIT profile names; TCX "Running"/"Biking"/"Other" become "running",
    /// "cycling", "other"; a FIT sport number without a profile name becomes "sport_<n>").
    std::string sport;
    std::string sub_sport;         ///< "trail", "treadmill", "strength_training", ... or ""
    double start_s = nan;          ///< start, Unix time [s], UTC
    double duration_s = nan;       ///< elapsed time [s]
    double moving_time_s = nan;    ///< timer (moving) time [s], NaN if not recorded
    double distance_m = nan;       ///< total distance [m], NaN if not recorded
    std::size_t first_record = 0;  ///< this session's records are [first_record, end_record)
    std::size_t end_record = 0;    ///< one past the last record of the session
    /// Local time − UTC at the start [s] when the file says (FIT `activity.local_timestamp`,
    /// a log time with an offset); NaN when the file does not say.
    double utc_offset_s = nan;
    // Summary values of a hand-logged session (training log); NaN when absent.
    double cadence_spm = nan;     ///< mean cadence [steps/min, both feet]
    double contact_time_s = nan;  ///< mean ground contact time [s]
    double rpe = nan;             ///< session rating of perceived exertion (CR-10, 0–10)
    std::string notes;            ///< free text from the log
};

/// An activity file read into records and sessions.
struct Activity {
    std::string source;                     ///< path (or name) it was read from
    std::string format;                     ///< "fit", "tcx", "gpx" or "log"
    ActivityRecords records;                ///< all records, time order
    std::vector<ActivitySession> sessions;  ///< sessions in time order (none: an empty log)
    /// What was left out and why (`line` is the byte offset for FIT, the line for text
    /// files): the damage keep_valid_prefix cut off, and records without a time (which no
    /// reader keeps, with or without keep_valid_prefix).
    std::vector<RowProblem> dropped;
};

/// Options of the activity readers.
struct ActivityOptions {
    /// On damage (truncation, bad CRC, bad or backwards timestamps), return the valid prefix
    /// and list what was dropped in Activity::dropped instead of throwing.
    bool keep_valid_prefix = false;
    /// File format: "" = from the extension (.fit, .tcx, .gpx, .csv), or "fit", "tcx", "gpx",
    /// "log" to override it.
    std::string format;
    /// Local time − UTC [s] for training-log times written without an offset (a log is kept
    /// in local time), when log_time_zone is empty.
    double log_utc_offset_s = 0.0;
    /// Time zone of training-log times written without an offset: "UTC", "+01:00" or an
    /// IANA name such as "Europe/Paris" (its daylight-saving rules apply at each date; see
    /// io::TimeZone). Empty: log_utc_offset_s.
    std::string log_time_zone;
};

/// @brief True for sports done on foot, whose records become foot strikes: running, walking,
///        hiking, trail_running, treadmill running, mountaineering, snowshoeing, "run".
/// @param sport ActivitySession::sport.
bool is_on_foot(std::string_view sport) noexcept;

/// @brief True for strength & conditioning: "strength_training", "training" (FIT sport 10),
///        "strength", "conditioning", "cross_training" (TCX-style names included).
/// @param sport ActivitySession::sport.
bool is_strength(std::string_view sport) noexcept;

/// @brief Reads an activity file, choosing the reader by options.format or the extension.
/// @param path    .fit, .tcx, .gpx or .csv (training log).
/// @param options Damage handling, format override, log time zone.
/// @return The activity; throws FileError for malformed or damaged input (unless
///         keep_valid_prefix), Error for an unknown extension, std::filesystem::filesystem_error
///         when the file cannot be opened.
Activity read_activity(const std::filesystem::path& path, const ActivityOptions& options = {});

/// @brief Converts a decoded FIT file into an Activity (times to Unix seconds, units to SI,
///        sessions matched to their records by time).
/// @param fit  decode_fit's result.
/// @param name Source name for messages.
Activity activity_from_fit(const FitFile& fit, std::string_view name);

/// @brief Parses TCX text (Garmin Training Center Database v2).
/// @param xml     The document.
/// @param name    Source name for messages.
/// @param options keep_valid_prefix is honoured; the rest is ignored.
Activity decode_tcx(std::string_view xml, std::string_view name = "<memory>",
                    const ActivityOptions& options = {});

/// @brief Parses GPX 1.0/1.1 text, with Garmin TrackPointExtension hr/cad/speed/power.
/// @param xml     The document.
/// @param name    Source name for messages.
/// @param options keep_valid_prefix is honoured; the rest is ignored.
Activity decode_gpx(std::string_view xml, std::string_view name = "<memory>",
                    const ActivityOptions& options = {});

/// @brief Parses a training-log CSV: one session per row.
///
/// Header row required; column names (case-insensitive, any order):
/// `date` (required: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] with optional Z or ±HH:MM; a date
/// without a time is taken as 12:00 local), `kind` (required: run, strength or other; also any
/// sport name such as walking or cycling), `duration_min` (required, > 0), and optional
/// `distance_km`, `cadence_spm` (steps/min, both feet), `contact_time_ms`, `rpe` (0–10),
/// `notes`. Empty optional cells are NaN. An unknown column is an error naming the allowed ones.
/// @param text    The file's text.
/// @param name    Source name for messages.
/// @param options keep_valid_prefix (stop at the first bad row), log_utc_offset_s.
Activity decode_training_log(std::string_view text, std::string_view name = "<memory>",
                             const ActivityOptions& options = {});

}  // namespace strideload::io
