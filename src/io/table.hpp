// Internal to strideload::io (not installed): the parts the delimited and the OpenSim readers
// share — reading the file, walking its lines, turning fields into a samples × columns matrix
// with every malformed row raised or recorded, and deriving the sample rate and time.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strideload/io/force_table.hpp"

namespace strideload::io::detail {

/// The bytes of a whole file, in a buffer that is not zero-filled first (for a 200 MB table
/// the memset alone cost a tenth of the read).
struct FileText {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
    std::string_view view() const noexcept { return {bytes.get(), size}; }
};

/// @brief The whole file in one buffer (one read, no per-line allocation).
/// @throws std::filesystem::filesystem_error naming @p path when it cannot be opened or read
FileText read_whole_file(const std::filesystem::path& path);

/// @brief @p text without a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

/// Walks physical lines; a line ends at "\n", "\r\n" or a lone "\r".
class LineCursor {
  public:
    explicit LineCursor(std::string_view text, std::size_t first_line = 1)
        : text_(text), next_line_(first_line) {}
    /// @brief Next line without its terminator; false at the end of the text.
    bool next(std::string_view& line);
    /// @return the 1-based number of the line last returned by next()
    std::size_t line() const noexcept { return next_line_ - 1; }
    /// @return offset in the text of the first byte after the line last returned
    std::size_t offset() const noexcept { return pos_; }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t next_line_;
};

/// @return true when @p line holds nothing but spaces, tabs and carriage returns
bool is_blank(std::string_view line) noexcept;
/// @return @p s without leading and trailing spaces and tabs
std::string_view trim(std::string_view s) noexcept;
/// @return true when @p a equals @p b ignoring ASCII case
bool iequals(std::string_view a, std::string_view b) noexcept;
/// @return @p s with ASCII letters in lower case
std::string to_lower(std::string_view s);
/// @return the fields of @p line split on runs of spaces and tabs
std::vector<std::string_view> split_whitespace(std::string_view line);
/// @return an upper bound of the data rows in @p text: lines with anything but whitespace
std::size_t count_nonblank_lines(std::string_view text) noexcept;
/// @return the data rows to preallocate for @p text, rows of @p columns fields: its non-blank
/// lines, but no more than rows of one-byte fields could fill (a kept row has every field, a
/// delimiter or line end after each), so that the matrix stays within about one double per
/// byte of text however wide the header claims the table is
std::size_t expected_rows(std::string_view text, std::size_t columns) noexcept;
/// @return "'a', 'b', 'c'" for error messages
std::string quoted_list(const std::vector<std::string>& names);
/// @return @p value in the shortest form that reads back to the same double
std::string format_number(double value);

/// @brief Parses a whole field as a double with std::from_chars (a leading '+' allowed).
/// @return false when the field is not entirely a number; out_of_range when it overflows
bool parse_number(std::string_view text, double& value, bool& out_of_range) noexcept;

/// Rows of one table as they are read: numbers go straight into a preallocated column-major
/// matrix; a row that is malformed is raised (the reader throws after the parser returns,
/// never through libcsv's C frames) or, in collect mode, recorded and overwritten.
class TableBuilder {
  public:
    /// @param path for messages  @param names every column (header order)
    /// @param strict per column: must be a finite number (else empty/NaN/inf are stored)
    /// @param time_column index of the time column (-1 none): its values must increase
    /// @param mode raise or collect  @param capacity expected data rows (grows if short)
    TableBuilder(const std::filesystem::path& path, const std::vector<std::string>& names,
                 std::vector<char> strict, Eigen::Index time_column, OnError mode,
                 std::size_t capacity);

    /// @brief Starts a data row that begins on @p line.
    void begin(std::size_t line) {
        line_ = line;
        field_ = 0;
        bad_ = Bad::none;
        if (row_ == data_.rows()) grow();
    }
    /// @brief The next field of the current row, as text.
    void field(const char* text, std::size_t size) {
        const Eigen::Index c = field_++;
        if (c >= columns_ || bad_ != Bad::none) return;
        std::string_view s = trim(std::string_view(text, size));
        double value = 0.0;
        bool out_of_range = false;
        if (s.empty()) {
            if (strict_[static_cast<std::size_t>(c)]) return flag(Bad::empty, c, s);
            value = std::numeric_limits<double>::quiet_NaN();
        } else if (!parse_number(s, value, out_of_range)) {
            return flag(out_of_range ? Bad::out_of_range : Bad::not_number, c, s);
        } else if (strict_[static_cast<std::size_t>(c)] && !std::isfinite(value)) {
            return flag(Bad::not_finite, c, s);
        }
        data_(row_, c) = value;
    }
    /// @brief Ends the current row: keeps it, or raises/records its first problem.
    void end();
    /// @return true once a row failed in raise mode (the reader then stops and throws)
    bool stopped() const noexcept { return stopped_; }
    /// @brief Throws the FileError of the row that stopped the builder.
    [[noreturn]] void throw_stopped() const;
    /// @return data rows seen so far, kept and left out
    std::size_t records() const noexcept { return records_; }

    /// What the rows gave: kept samples, problems, and where rows were left out.
    struct Result {
        Eigen::MatrixXd data;              ///< kept rows × columns
        std::vector<RowProblem> problems;  ///< rows left out
        std::size_t records = 0;           ///< data rows seen, kept and left out
        /// (kept row, line) wherever a kept row is not on the line after the previous one
        std::vector<std::pair<Eigen::Index, std::size_t>> line_anchors;
        /// (kept row, number of rows left out just before it), for rows with such a gap
        std::vector<std::pair<Eigen::Index, std::size_t>> gaps;
        /// @return the line of kept row @p row
        std::size_t line_of(Eigen::Index row) const;
        /// @return rows left out just before kept row @p row
        std::size_t gap_before(Eigen::Index row) const;
    };
    /// @brief The rows read (the matrix shrunk to the kept rows).
    Result finish() &&;

  private:
    enum class Bad : unsigned char { none, empty, not_number, out_of_range, not_finite };
    void flag(Bad kind, Eigen::Index column, std::string_view text);
    void grow();
    std::string describe_bad() const;

    const std::filesystem::path& path_;
    const std::vector<std::string>& names_;
    std::vector<char> strict_;
    Eigen::Index columns_;
    Eigen::Index time_column_;
    OnError mode_;
    Eigen::MatrixXd data_;
    Eigen::Index row_ = 0;  // next kept row
    Eigen::Index field_ = 0;
    std::size_t line_ = 0;
    Bad bad_ = Bad::none;
    Eigen::Index bad_column_ = 0;
    std::string bad_text_;
    bool stopped_ = false;
    std::size_t records_ = 0;
    std::size_t dropped_since_kept_ = 0;
    double last_time_ = 0.0;
    std::size_t last_time_line_ = 0;
    std::size_t last_kept_line_ = 0;
    std::vector<RowProblem> problems_;
    std::vector<std::pair<Eigen::Index, std::size_t>> line_anchors_;
    std::vector<std::pair<Eigen::Index, std::size_t>> gaps_;
};

/// @brief Feeds every non-blank line of @p cursor to @p builder, fields split on runs of
/// spaces and tabs. libcsv cannot collapse runs of a delimiter into one, so whitespace-
/// separated tables (and OpenSim data rows) are split here by hand.
void feed_whitespace_rows(LineCursor& cursor, TableBuilder& builder);

/// @brief Throws Error unless @p rate_hz is absent or in [10 Hz, 1 MHz] and @p tolerance in
/// (0, 0.5].
void validate_options(const std::optional<double>& rate_hz, double tolerance);

/// @return index of the column named exactly @p name, -1 if none
/// @throws FileError at @p header_line when the name appears more than once
Eigen::Index find_column(const std::filesystem::path& path, std::size_t header_line,
                         const std::vector<std::string>& names, std::string_view name);

/// How to turn the time column into seconds.
struct TimeSpec {
    Eigen::Index column = -1;  ///< index of the time column, -1 none
    TimeUnit unit = TimeUnit::automatic;
    bool named_as_frames = false;  ///< column named frame…/sample…: automatic means frames
    std::optional<double> rate_hz;
    double tolerance = 0.01;
};

/// @brief The table from the rows read: checks there are at least 2 samples, derives the
/// sample rate and time (uniform sampling, rate agreement), and fills the ForceTable.
/// @throws FileError for too few samples, a missing/disagreeing rate, irregular sampling
ForceTable make_table(const std::filesystem::path& path, std::vector<std::string> names,
                      TableBuilder::Result rows, const TimeSpec& time,
                      std::vector<ForceTable::Plate> plates);

}  // namespace strideload::io::detail
