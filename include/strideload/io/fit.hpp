/// @file
/// Decoder of Garmin/ANT FIT activity files, written from the public description of the FIT
/// protocol (file header of 12 or 14 bytes with ".FIT" signature and optional header CRC;
/// normal and compressed-timestamp record headers; definition messages giving, per local
/// message type, the global message number, the architecture (little or big endian) and the
/// fields' number, size and base type; developer data fields, skipped by their declared size;
/// invalid-value sentinels per base type; scale and offset of the profile; CRC-16 of the header
/// and of the whole file; several FIT files chained one after the other). It decodes the
/// messages a running load model needs — `file_id`, `session`, `lap`, `event` and `record` —
/// into columns of SI doubles. Garmin's SDK code was neither consulted nor copied; message and
/// field numbers, base types and scales are those of the public FIT profile (as listed, e.g., by
/// the MIT-licensed python-fitparse). Compiled in `strideload::io` (src/io/fit.cpp).
///
/// Time. FIT `date_time` values count seconds since the FIT epoch 1989-12-31T00:00:00Z, which
/// is Unix time 631065600 (`fit_epoch_unix_s`; `fit_to_unix_s` converts). Values below
/// 0x10000000 (`fit_min_absolute_time_s`) are, by the protocol, seconds relative to a device
/// event (e.g. power-on), not calendar time; they are returned unchanged. A compressed
/// timestamp header carries the low 5 bits of the time: the record's time is the last full
/// timestamp with its low 5 bits replaced by the offset, plus 32 s when the offset is smaller
/// than the last timestamp's low bits (roll-over).
///
/// Errors. A file that cannot be opened throws std::filesystem::filesystem_error. Damaged
/// contents — too short or truncated, bad header size or signature, bad header or file CRC, a
/// data message whose local type has no definition, a compressed timestamp before any full
/// timestamp, record timestamps going backwards within one FIT file of a chain — throw `FileError`
/// with line 0 and a reason that starts "byte N:" (0-based offset in the file of the offending byte
/// or message).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strideload/io/force_table.hpp"

namespace strideload::io {

/// Unix time [s] of the FIT epoch 1989-12-31T00:00:00Z.
inline constexpr double fit_epoch_unix_s = 631065600.0;
/// FIT `date_time` values below this [s] are relative to a device event, not calendar time.
inline constexpr double fit_min_absolute_time_s = 268435456.0;  // 0x10000000

/// @brief Converts a FIT `date_time` to Unix time: unix = fit + 631065600.
/// @param fit_s seconds since 1989-12-31T00:00:00Z [s] (NaN stays NaN)
/// @return seconds since 1970-01-01T00:00:00Z [s]
constexpr double fit_to_unix_s(double fit_s) noexcept { return fit_s + fit_epoch_unix_s; }

/// The `record` messages, one entry per message in file order, in SI units (or the unit in the
/// member's name). A field the message does not carry, or carries with its invalid sentinel,
/// is NaN.
struct FitRecords {
    std::vector<double> timestamp_s;        ///< FIT time [s] (field 253 or compressed header)
    std::vector<double> position_lat_deg;   ///< latitude [deg] = semicircles · 180 / 2^31
    std::vector<double> position_long_deg;  ///< longitude [deg] = semicircles · 180 / 2^31
    std::vector<double> distance_m;      ///< cumulative distance [m] (field 5, or accumulated from
                                         ///< compressed_speed_distance)
    std::vector<double> speed_m_s;       ///< enhanced_speed if present, else speed, else the
                                         ///< compressed_speed_distance speed [m/s]
    std::vector<double> altitude_m;      ///< enhanced_altitude if present, else altitude [m]
    std::vector<double> heart_rate_bpm;  ///< heart rate [1/min]
    /// cadence + fractional_cadence / 128 [1/min]. For running FIT counts strides (cycles of
    /// one foot) per minute: steps/min = 2 × cadence_rpm.
    std::vector<double> cadence_rpm;
    std::vector<double> stance_time_ms;           ///< ground contact time [ms]
    std::vector<double> stance_time_percent;      ///< contact time / step time [%]
    std::vector<double> stance_time_balance_pct;  ///< left share of contact time [%]
    std::vector<double> vertical_oscillation_mm;  ///< vertical oscillation [mm]
    std::vector<double> vertical_ratio_pct;       ///< vertical oscillation / step length [%]
    std::vector<double> step_length_mm;           ///< step length [mm]
    std::vector<double> power_W;                  ///< power [W]
    std::vector<double> temperature_C;            ///< temperature [°C]

    /// @return the number of record messages
    std::size_t size() const noexcept { return timestamp_s.size(); }
};

/// A `session` message (global number 18).
struct FitSession {
    std::string sport;            ///< profile name ("running", "cycling", ...) or "sport_<n>"
    std::string sub_sport;        ///< profile name ("trail", "treadmill", ...) or "sub_sport_<n>"
    double timestamp_s;           ///< FIT time of the message [s], NaN if absent
    double start_time_s;          ///< FIT time [s], NaN if absent
    double total_elapsed_time_s;  ///< [s], NaN if absent
    double total_timer_time_s;    ///< [s], NaN if absent
    double total_distance_m;      ///< [m], NaN if absent
};

/// A `lap` message (global number 19).
struct FitLap {
    double timestamp_s;           ///< FIT time of the lap's end [s], NaN if absent
    double start_time_s;          ///< FIT time [s], NaN if absent
    double total_elapsed_time_s;  ///< [s], NaN if absent
    double total_distance_m;      ///< [m], NaN if absent
};

/// An `event` message (global number 21), with the profile's raw enum values.
struct FitEvent {
    double timestamp_s;  ///< FIT time [s], NaN if absent
    int event;       ///< profile `event` enum (0 timer, 9 lap, 26 recovery_hr, ...); -1 if absent
    int event_type;  ///< profile `event_type` enum (0 start, 1 stop, 4 stop_all, ...); -1 if absent
    double data;     ///< the event's `data` field (uint32), NaN if absent
};

/// The `file_id` message (global number 0). Absent numbers are -1 / NaN.
struct FitFileId {
    int type = -1;          ///< profile `file` enum (4 = activity)
    int manufacturer = -1;  ///< profile `manufacturer` (1 = garmin)
    int product = -1;       ///< manufacturer's product number
    double serial_number = std::numeric_limits<double>::quiet_NaN();   ///< uint32z
    double time_created_s = std::numeric_limits<double>::quiet_NaN();  ///< FIT time [s]
};

/// Everything decoded from one FIT file (or a chain of FIT files, concatenated in order).
struct FitFile {
    std::optional<FitFileId> file_id;  ///< the first `file_id` message, if any
    std::vector<FitSession> sessions;  ///< `session` messages in file order
    std::vector<FitLap> laps;          ///< `lap` messages in file order
    std::vector<FitEvent> events;      ///< `event` messages in file order
    FitRecords records;                ///< `record` messages in file order
    std::size_t files = 0;             ///< FIT files in the chain (1 for a plain file)
    std::size_t messages = 0;          ///< data messages read (all global numbers)
    std::size_t unknown_messages = 0;  ///< data messages of global numbers not decoded here
    std::size_t developer_fields = 0;  ///< developer data fields skipped (in data messages)
    /// With FitOptions::keep_valid_prefix: what was dropped and why (`line` = byte offset of
    /// the damage); empty otherwise.
    std::vector<RowProblem> dropped;
};

/// Options of decode_fit / read_fit.
struct FitOptions {
    /// Instead of throwing on damage, keep every whole message before it and list the damage
    /// in FitFile::dropped: a truncated file or data message, a malformed message, a record
    /// timestamp going backwards (the rest of that file is dropped), a later chained file
    /// that is damaged. A file CRC mismatch alone drops nothing (the damage cannot be
    /// located) but is listed.
    bool keep_valid_prefix = false;
};

/// @brief Decodes a FIT file (or chained FIT files) held in memory.
/// @param bytes the whole file
/// @param name how errors name the file
/// @param options damage handling (keep_valid_prefix)
/// @return the decoded messages
/// @throws FileError (line 0, reason "byte N: ...") on damaged contents
FitFile decode_fit(std::span<const std::uint8_t> bytes, std::string_view name = "<memory>",
                   const FitOptions& options = {});

/// @brief Reads and decodes a FIT file.
/// @param path the file
/// @param options damage handling
/// @return the decoded messages
/// @throws std::filesystem::filesystem_error if the file cannot be read; FileError on
///         damaged contents
FitFile read_fit(const std::filesystem::path& path, const FitOptions& options = {});

/// @brief The FIT CRC-16 (polynomial x^16 + x^15 + x^2 + 1, reflected, initial value 0) of
///        @p bytes, continuing from @p crc. A file whose last two bytes are its little-endian
///        CRC has CRC 0 over all its bytes.
/// @param bytes data
/// @param crc running value (0 to start)
/// @return the updated CRC
std::uint16_t fit_crc16(std::span<const std::uint8_t> bytes, std::uint16_t crc = 0) noexcept;

}  // namespace strideload::io
