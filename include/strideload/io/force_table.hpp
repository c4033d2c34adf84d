/// @file
/// Readers of measured ground reaction force: delimited force tables (CSV, TSV, semicolon- or
/// whitespace-separated, one header row — force plates and instrumented treadmills, e.g. the
/// Fukuchi et al. 2017 PeerJ 5:e3298 running dataset) and OpenSim `.mot` / `.sto` storage
/// files (Delp et al. 2007 IEEE TBME 54:1940; "Storage (.sto) Files" and "Motion (.mot)
/// Files" in the OpenSim documentation: header lines up to `endheader`, a column-name row,
/// then rows of numbers; forces named `ground_force_vx/vy/vz` with y vertical). Each reader
/// returns a `ForceTable`: every column of the file, the sample rate, time in seconds and the
/// force channels of each plate or foot. Compiled in `strideload::io` (src/io/).
///
/// Errors. A file that cannot be opened or read throws std::filesystem::filesystem_error (a
/// std::system_error) carrying the path and the OS error code (ENOENT for a missing file).
/// Anything wrong with the contents — a malformed row, an unknown column, a missing or
/// disagreeing sample rate, irregular sampling, an OpenSim header that disagrees with the
/// data — throws `FileError`, a `strideload::Error`, whose message starts `path:line: `
/// (line 1-based, counting header lines; no line when the problem is the whole file). Bad
/// options (rate_hz <= 0, ...) throw a plain `strideload::Error`. In `OnError::collect` mode
/// malformed rows are left out and listed in `ForceTable::problems` instead; no row is ever
/// dropped without an entry there.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strideload/error.hpp"
#include "strideload/units.hpp"

namespace strideload::io {

/// Malformed file contents: a `strideload::Error` (Python: ValueError) that knows the file
/// and the line. `what()` is `"<path>:<line>: <reason>"`, or `"<path>: <reason>"` when the
/// problem is not on one line (empty file, too few samples, a whole-file check).
class FileError : public Error {
  public:
    /// @brief A problem in @p path at @p line.
    /// @param path the file as the caller named it
    /// @param line 1-based line number counting every line of the file (header lines
    ///        included); 0 when the problem is not about one line
    /// @param reason what is wrong, in words, naming the column and the offending text
    FileError(std::filesystem::path path, std::size_t line, std::string reason)
        : Error(location(path, line), reason),
          path_(std::move(path)),
          line_(line),
          reason_(std::move(reason)) {}

    /// @return the file as the caller named it
    const std::filesystem::path& path() const noexcept { return path_; }
    /// @return 1-based line number (header lines counted), 0 when not about one line
    std::size_t line() const noexcept { return line_; }
    /// @return the reason without the `path:line: ` prefix
    const std::string& reason() const noexcept { return reason_; }

  private:
    static std::string location(const std::filesystem::path& path, std::size_t line) {
        return line == 0 ? path.string() : path.string() + ":" + std::to_string(line);
    }

    std::filesystem::path path_;
    std::size_t line_;
    std::string reason_;
};

/// What a reader does with a malformed data row.
enum class OnError {
    raise,    ///< throw FileError naming the file and line (default)
    collect,  ///< leave the row out and record it in ForceTable::problems
};

/// How the time column counts.
enum class TimeUnit {
    automatic,     ///< frames if the column is named frame…/sample… or holds integers
                   ///< stepping by exactly 1 (1, 2, 3, …), else seconds
    seconds,       ///< time in seconds: gives the sample rate
    milliseconds,  ///< time in milliseconds: gives the sample rate
    frames,        ///< frame numbers stepping by 1: the sample rate must be given
};

/// A data row a reader left out (OnError::collect).
struct RowProblem {
    std::size_t line;    ///< 1-based line number in the file, header lines counted
    std::string reason;  ///< what is wrong, e.g. "field 3 (Fy) = 'abc' is not a number"
};

/// Options of read_force_table (and of read_force for any file).
struct ForceTableOptions {
    /// Name of the vertical force column [N], exactly as in the header; required for a
    /// delimited table (FileError listing the columns when empty or unknown). For .mot/.sto
    /// files read through read_force: "" = recognise OpenSim's ground_force_* columns.
    std::string vertical_column;
    std::string anterior_posterior_column;  ///< [N], optional ("" = none)
    std::string medio_lateral_column;       ///< [N], optional ("" = none)
    /// Name of the time column; "" = the first column named time, t, time_s, time (s),
    /// frame, frames, frame#, sample… (any case), or none.
    std::string time_column;
    TimeUnit time_unit = TimeUnit::automatic;  ///< how the time column counts
    /// Sample rate [Hz], in [10 Hz, 1 MHz]. Needed when the time column counts frames or
    /// there is none; when the time column is in seconds and rate_hz is also given, they must
    /// agree within time_tolerance. A rate read from a time column must also lie in
    /// [10 Hz, 1 MHz] (so that milliseconds read as seconds cannot pass unnoticed).
    std::optional<double> rate_hz;
    /// Field delimiter: 0 = detect from the header line (tab, else comma, else semicolon,
    /// outside quotes; else whitespace); ' ' = runs of spaces and tabs; any other character
    /// (',', '\t', ';', '|', ...) = that character, RFC 4180 quoting.
    char delimiter = 0;
    OnError on_error = OnError::raise;  ///< malformed rows: throw, or leave out and list
    /// Allowed jitter of the time steps, as a fraction of the step: every step must be
    /// within this of the median step (or of a whole multiple of it where collect mode left
    /// rows out), and a given rate_hz within this of the rate from the time column. In
    /// (0, 0.5]. Widen it for time columns printed with few decimals.
    double time_tolerance = 0.01;
    /// Allow empty, NaN and infinite fields in the columns that are neither the time nor a
    /// selected force column (e.g. a centre of pressure that an exporter blanks in flight);
    /// they are stored as NaN/inf. The time and force columns must always be finite numbers.
    bool allow_nan_in_unused_columns = false;
};

/// Options of read_opensim.
struct OpenSimOptions {
    /// Sample rate [Hz] in [10 Hz, 1 MHz], optional: the `time` column gives it; when both,
    /// they must agree within time_tolerance.
    std::optional<double> rate_hz;
    OnError on_error = OnError::raise;         ///< malformed rows: throw, or leave out and list
    double time_tolerance = 0.01;              ///< as ForceTableOptions::time_tolerance
    bool allow_nan_in_unused_columns = false;  ///< as in ForceTableOptions
    /// Use these columns as the one plate instead of recognising ground_force_* names
    /// ("" = recognise). Same axes as ForceTableOptions.
    std::string vertical_column;
    std::string anterior_posterior_column;  ///< optional override, see vertical_column
    std::string medio_lateral_column;       ///< optional override, see vertical_column
};

/// A force table as read from a file: every column, the sample rate, the time of each kept
/// sample and the force channels of each plate (a delimited table has one; an OpenSim file
/// one per recognised foot or plate).
struct ForceTable {
    /// Force channels of one plate or foot: column indices into `data`, -1 when absent.
    struct Plate {
        std::string label;           ///< vertical column name (delimited) or OpenSim prefix, e.g.
                                     ///< "ground_force", "1_ground_force", "r_ground_force"
        Eigen::Index vertical = -1;  ///< column of vertical force [N]
        Eigen::Index anterior_posterior = -1;  ///< column of anterior-posterior force [N]
        Eigen::Index medio_lateral = -1;       ///< column of medio-lateral force [N]
    };

    std::string source;                     ///< the path as given
    std::vector<std::string> column_names;  ///< every column, file order
    Eigen::MatrixXd data;                   ///< kept samples × columns, column-major
    double rate_hz = 0.0;                   ///< sample rate [Hz]
    /// [s] per kept sample: the file's time in seconds; for frame numbers
    /// (frame − first frame) / rate_hz; with no time column, row index / rate_hz. Rows left
    /// out in collect mode leave a gap.
    Eigen::VectorXd time_s;
    std::string time_column;           ///< name of the column the time came from, "" if none
    std::vector<Plate> plates;         ///< selected force channels, one per plate/foot
    std::vector<RowProblem> problems;  ///< rows left out (collect mode only)
    std::size_t rows_read = 0;         ///< data rows in the file, kept + left out
    /// OpenSim header `key=value` lines (e.g. {"inDegrees", "no"}), in file order.
    std::vector<std::pair<std::string, std::string>> metadata;

    /// @return number of kept samples
    Eigen::Index samples() const noexcept { return data.rows(); }
    /// @return the sample rate as a quantity [Hz]
    Frequency rate() const { return hertz(rate_hz); }
    /// @brief Index of the column named @p name (exact match).
    /// @throws Error listing the columns when there is no such column
    Eigen::Index column_index(std::string_view name) const;
    /// @brief The column named @p name, a view into `data` (no copy).
    /// @throws Error listing the columns when there is no such column
    Eigen::Ref<const Eigen::VectorXd> column(std::string_view name) const;
    /// @brief Column @p index, a view into `data` (no copy).
    /// @throws Error when @p index is outside [0, columns)
    Eigen::Ref<const Eigen::VectorXd> column(Eigen::Index index) const;
    /// @brief Vertical force summed over the plates [N]: for a shared treadmill belt or two
    /// summed plates the force under the runner (running has no double support).
    /// @return one value per kept sample
    Eigen::VectorXd vertical_N() const;
    /// @brief Anterior-posterior force summed over the plates [N].
    /// @throws Error when a plate has no anterior-posterior column
    Eigen::VectorXd anterior_posterior_N() const;
    /// @brief Medio-lateral force summed over the plates [N].
    /// @throws Error when a plate has no medio-lateral column
    Eigen::VectorXd medio_lateral_N() const;
};

/// @brief Reads a delimited force table: one header row of column names, then one row of
/// numbers per sample. CSV/TSV/other single-character delimiters are parsed by libcsv
/// (RFC 4180 quoting); whitespace-separated tables are split on runs of spaces and tabs.
/// Blank lines are ignored; a UTF-8 byte-order mark is skipped.
/// @param path file to read
/// @param options columns [N] by name, time column and unit, rate [Hz], delimiter, error mode
/// @return the table with one plate (the selected columns)
/// @throws std::filesystem::filesystem_error when the file cannot be opened or read
/// @throws FileError for malformed contents (path and line in the message)
/// @throws Error for invalid options
ForceTable read_force_table(const std::filesystem::path& path, const ForceTableOptions& options);

/// @brief Reads an OpenSim `.mot` or `.sto` file: header lines up to `endheader` (`nRows`,
/// `nColumns` — or the older `datarows`, `datacolumns` — are checked against the data when
/// present; `inDegrees` must be yes/no), the column-name row, then whitespace- or
/// tab-separated numbers. Force columns named `[prefix_]ground_force_[infix_]v{x,y,z}` are
/// grouped into one plate per prefix/infix (e.g. `ground_force_v*`, `1_ground_force_v*`,
/// `ground_force_2_v*`, `r_ground_force_v*`, `l_ground_force_v*`), in file order; OpenSim
/// axes: y vertical, x anterior-posterior, z medio-lateral. Time: the `time` column [s].
/// @param path file to read
/// @param options rate [Hz] (optional), error mode, column overrides
/// @return the table with one plate per recognised foot or plate
/// @throws std::filesystem::filesystem_error when the file cannot be opened or read
/// @throws FileError for malformed contents (path and line in the message)
/// @throws Error for invalid options
ForceTable read_opensim(const std::filesystem::path& path, const OpenSimOptions& options = {});

/// @brief Reads a force file of either kind: `.mot`/`.sto` (any case) with read_opensim
/// (rate_hz, on_error, time_tolerance, allow_nan_in_unused_columns and the three force
/// column names carried over; a time_column other than "" or "time", a time_unit other than
/// automatic/seconds, or a delimiter is an Error), anything else with read_force_table.
/// @param path file to read  @param options as for read_force_table
/// @return the table
ForceTable read_force(const std::filesystem::path& path, const ForceTableOptions& options);

}  // namespace strideload::io
