// Delimited force tables (read_force_table), the ForceTable accessors and read_force.
// CSV/TSV/other single-character delimiters go through libcsv (RFC 4180); whitespace-separated
// tables through the hand splitter in table.cpp.
#include "strideload/io/force_table.hpp"

#include <csv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "table.hpp"

namespace strideload::io {

namespace {

// The delimiter from the header line: tab, else comma, else semicolon — outside double
// quotes, so that a quoted name such as "Fz, vertical" does not make a semicolon file a CSV —
// else whitespace (' ').
char detect_delimiter(std::string_view header) {
    bool quoted = false, tab = false, comma = false, semicolon = false;
    for (const char c : header) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        tab |= c == '\t';
        comma |= c == ',';
        semicolon |= c == ';';
    }
    return tab ? '\t' : comma ? ',' : semicolon ? ';' : ' ';
}

// libcsv parser with its buffer released on every path out.
struct CsvParser {
    csv_parser parser{};
    explicit CsvParser(char delimiter) {
        // Empty rows (blank lines) are reported, so that every line end can be counted.
        csv_init(&parser, CSV_REPALL_NL);
        csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    }
    ~CsvParser() { csv_free(&parser); }
    CsvParser(const CsvParser&) = delete;
    CsvParser& operator=(const CsvParser&) = delete;
};

// State shared with libcsv's callbacks. They never throw (libcsv is C): a bad row stops the
// builder, and the reader throws once csv_parse has returned.
struct CsvState {
    std::size_t line;  // physical line the parser is on
    bool in_record = false;
    bool last_was_cr = false;
    detail::TableBuilder* builder = nullptr;  // null while the header is read
    std::vector<std::string>* header = nullptr;
    bool header_done = false;
    // A data field spanning lines (a quote left open) swallows every row up to the next
    // quote: fatal even in collect mode, where it would drop those rows as one problem.
    std::size_t open_quote_line = 0;
};

// Line breaks inside a quoted field: '\n', or a '\r' not followed by '\n'.
std::size_t line_breaks(const char* text, std::size_t size) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < size; ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == size || text[i + 1] != '\n'))) ++count;
    return count;
}

void on_field(void* text, std::size_t size, void* data) {
    auto& state = *static_cast<CsvState*>(data);
    if (state.builder && state.builder->stopped()) return;
    const char* field = static_cast<const char*>(text);
    if (!state.in_record) {
        state.in_record = true;
        if (state.builder) state.builder->begin(state.line);
    }
    if (state.builder)
        state.builder->field(field, size);
    else
        state.header->emplace_back(field, size);
    if (size != 0 && (std::memchr(field, '\n', size) || std::memchr(field, '\r', size))) {
        if (state.builder && state.open_quote_line == 0) state.open_quote_line = state.line;
        state.line += line_breaks(field, size);
    }
}

void on_row_end(int terminator, void* data) {
    auto& state = *static_cast<CsvState*>(data);
    const bool had_fields = state.in_record;
    if (state.in_record) {
        state.in_record = false;
        if (!state.builder)
            state.header_done = true;
        else if (!state.builder->stopped())
            state.builder->end();
    }
    // With CSV_REPALL_NL every unquoted '\r' and '\n' ends a (possibly empty) row; the '\n'
    // of a "\r\n" pair arrives as an empty row and is the same line end.
    if (terminator == '\r') {
        ++state.line;
        state.last_was_cr = true;
    } else if (terminator == '\n') {
        if (!(state.last_was_cr && !had_fields)) ++state.line;
        state.last_was_cr = false;
    } else {
        state.last_was_cr = false;
    }
}

void throw_if_open_quote(const std::filesystem::path& path, const CsvState& state) {
    if (state.open_quote_line != 0)
        throw FileError(path, state.open_quote_line,
                        "a quoted field runs over the end of the line (a quote left open?): "
                        "the rows after it would be read as one field");
}

void parse_chunk(const std::filesystem::path& path, CsvParser& csv, CsvState& state,
                 std::string_view chunk) {
    if (csv_parse(&csv.parser, chunk.data(), chunk.size(), on_field, on_row_end, &state) !=
        chunk.size())
        throw FileError(path, state.line,
                        std::string("CSV parser: ") + csv_strerror(csv_error(&csv.parser)));
    throw_if_open_quote(path, state);
}

bool all_numbers(const std::vector<std::string>& names) {
    return std::all_of(names.begin(), names.end(), [](const std::string& name) {
        double value = 0.0;
        bool out_of_range = false;
        const std::string_view s = detail::trim(name);
        return !s.empty() && detail::parse_number(s, value, out_of_range);
    });
}

// Time column named by the caller, else the first with a conventional name.
Eigen::Index find_time_column(const std::filesystem::path& path, std::size_t header_line,
                              const std::vector<std::string>& names,
                              const ForceTableOptions& options) {
    if (!options.time_column.empty()) {
        const Eigen::Index index =
            detail::find_column(path, header_line, names, options.time_column);
        if (index < 0)
            throw FileError(path, header_line,
                            "time_column '" + options.time_column +
                                "' is not a column; columns: " + detail::quoted_list(names));
        return index;
    }
    static constexpr std::array<std::string_view, 16> conventional = {
        "time",    "t",       "time_s",        "time (s)", "time(s)",      "time [s]",
        "time[s]", "frame",   "frames",        "frame#",   "frame_number", "frame number",
        "sample",  "samples", "sample_number", "sample#"};
    for (std::size_t i = 0; i < names.size(); ++i)
        for (const std::string_view candidate : conventional)
            if (detail::iequals(detail::trim(names[i]), candidate))
                return static_cast<Eigen::Index>(i);
    return -1;
}

bool named_as_frames(std::string_view name) {
    const std::string lower = detail::to_lower(detail::trim(name));
    return lower.starts_with("frame") || lower.starts_with("sample");
}

// A force column chosen by name: -1 when @p name is empty and the column is optional.
Eigen::Index force_column(const std::filesystem::path& path, std::size_t header_line,
                          const std::vector<std::string>& names, const std::string& name,
                          const char* option, bool required) {
    if (name.empty()) {
        if (!required) return -1;
        throw FileError(path, header_line,
                        std::string(option) +
                            " is not set: name the vertical force column; "
                            "columns: " +
                            detail::quoted_list(names));
    }
    const Eigen::Index index = detail::find_column(path, header_line, names, name);
    if (index < 0)
        throw FileError(path, header_line,
                        std::string(option) + " '" + name +
                            "' is not a column; columns: " + detail::quoted_list(names));
    return index;
}

[[noreturn]] void throw_unknown_column(const std::vector<std::string>& names,
                                       std::string_view name) {
    throw Error("column",
                "no column '" + std::string(name) + "'; columns: " + detail::quoted_list(names));
}

Eigen::VectorXd sum_over_plates(const ForceTable& table, Eigen::Index ForceTable::Plate::*axis,
                                const char* what) {
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(table.samples());
    for (const ForceTable::Plate& plate : table.plates) {
        if (plate.*axis < 0)
            throw Error(what, "plate '" + plate.label + "' of " + table.source + " has no " + what +
                                  " column");
        sum += table.data.col(plate.*axis);
    }
    return sum;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Eigen::Index ForceTable::column_index(std::string_view name) const {
    const auto it = std::find(column_names.begin(), column_names.end(), name);
    if (it == column_names.end()) throw_unknown_column(column_names, name);
    return static_cast<Eigen::Index>(it - column_names.begin());
}

Eigen::Ref<const Eigen::VectorXd> ForceTable::column(std::string_view name) const {
    return column(column_index(name));
}

Eigen::Ref<const Eigen::VectorXd> ForceTable::column(Eigen::Index index) const {
    if (index < 0 || index >= data.cols())
        throw Error("column", static_cast<double>(index),
                    "in [0, " + std::to_string(data.cols()) + ")");
    return data.col(index);
}

Eigen::VectorXd ForceTable::vertical_N() const {
    if (plates.empty()) throw Error("vertical_N", "the table has no force plate");
    return sum_over_plates(*this, &Plate::vertical, "vertical");
}

Eigen::VectorXd ForceTable::anterior_posterior_N() const {
    if (plates.empty()) throw Error("anterior_posterior_N", "the table has no force plate");
    return sum_over_plates(*this, &Plate::anterior_posterior, "anterior_posterior");
}

Eigen::VectorXd ForceTable::medio_lateral_N() const {
    if (plates.empty()) throw Error("medio_lateral_N", "the table has no force plate");
    return sum_over_plates(*this, &Plate::medio_lateral, "medio_lateral");
}

// ---------------------------------------------------------------------------------------------

ForceTable read_force_table(const std::filesystem::path& path, const ForceTableOptions& options) {
    detail::validate_options(options.rate_hz, options.time_tolerance);
    if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r')
        throw Error("delimiter", static_cast<double>(options.delimiter),
                    "0 (detect), ' ' (whitespace) or a character other than '\"', CR, LF");

    const detail::FileText file = detail::read_whole_file(path);
    const std::string_view text = detail::strip_bom(file.view());

    // The header is the first non-blank line.
    detail::LineCursor cursor(text);
    std::string_view first;
    std::size_t header_start = 0;
    bool found = false;
    while (!found) {
        header_start = cursor.offset();
        if (!cursor.next(first)) break;
        found = !detail::is_blank(first);
    }
    if (!found) throw FileError(path, 0, text.empty() ? "the file is empty" : "the file is blank");
    const std::size_t header_line = cursor.line();
    const char delimiter = options.delimiter ? options.delimiter : detect_delimiter(first);

    std::vector<std::string> names;
    std::unique_ptr<CsvParser> csv;
    CsvState state{header_line};
    std::size_t data_start = 0;
    if (delimiter == ' ') {
        for (const std::string_view name : detail::split_whitespace(first))
            names.emplace_back(name);
        data_start = cursor.offset();
    } else {
        csv = std::make_unique<CsvParser>(delimiter);
        state.header = &names;
        // Header line by line until libcsv ends its record (a quoted name may span lines).
        std::size_t at = header_start;
        detail::LineCursor lines(text.substr(header_start));
        std::string_view line;
        while (!state.header_done && lines.next(line)) {
            parse_chunk(path, *csv, state, text.substr(at, header_start + lines.offset() - at));
            at = header_start + lines.offset();
        }
        if (!state.header_done) csv_fini(&csv->parser, on_field, on_row_end, &state);
        data_start = at;
    }
    if (all_numbers(names))
        throw FileError(path, header_line,
                        "the first line holds numbers, not column names: a force table needs "
                        "a header row");

    // Columns: time and forces must be finite numbers; the others too unless allowed.
    const Eigen::Index vertical =
        force_column(path, header_line, names, options.vertical_column, "vertical_column", true);
    const Eigen::Index anterior_posterior =
        force_column(path, header_line, names, options.anterior_posterior_column,
                     "anterior_posterior_column", false);
    const Eigen::Index medio_lateral = force_column(
        path, header_line, names, options.medio_lateral_column, "medio_lateral_column", false);
    const Eigen::Index time = find_time_column(path, header_line, names, options);
    if (time >= 0 && (time == vertical || time == anterior_posterior || time == medio_lateral))
        throw FileError(path, header_line,
                        "column '" + names[static_cast<std::size_t>(time)] +
                            "' cannot be both the time and a force column");
    std::vector<char> strict(names.size(), options.allow_nan_in_unused_columns ? 0 : 1);
    for (const Eigen::Index used : {vertical, anterior_posterior, medio_lateral, time})
        if (used >= 0) strict[static_cast<std::size_t>(used)] = 1;

    const std::string_view rest = text.substr(data_start);
    detail::TableBuilder builder(path, names, std::move(strict), time, options.on_error,
                                 detail::expected_rows(rest, names.size()));
    if (delimiter == ' ') {
        detail::feed_whitespace_rows(cursor, builder);
    } else {
        state.builder = &builder;
        // Large chunks: libcsv keeps its state across calls; between chunks a raised row
        // stops the read early.
        constexpr std::size_t chunk = std::size_t{1} << 20;
        for (std::size_t at = 0; at < rest.size() && !builder.stopped(); at += chunk)
            parse_chunk(path, *csv, state, rest.substr(at, chunk));
        if (!builder.stopped()) csv_fini(&csv->parser, on_field, on_row_end, &state);
        throw_if_open_quote(path, state);
    }
    if (builder.stopped()) builder.throw_stopped();

    detail::TimeSpec time_spec{time, options.time_unit,
                               time >= 0 && named_as_frames(names[static_cast<std::size_t>(time)]),
                               options.rate_hz, options.time_tolerance};
    ForceTable::Plate plate{names[static_cast<std::size_t>(vertical)], vertical, anterior_posterior,
                            medio_lateral};
    detail::TableBuilder::Result rows = std::move(builder).finish();
    return detail::make_table(path, std::move(names), std::move(rows), time_spec,
                              {std::move(plate)});
}

ForceTable read_force(const std::filesystem::path& path, const ForceTableOptions& options) {
    const std::string extension = detail::to_lower(path.extension().string());
    if (extension != ".mot" && extension != ".sto") return read_force_table(path, options);
    if (!options.time_column.empty() && !detail::iequals(options.time_column, "time"))
        throw Error("time_column", "OpenSim files (" + path.string() +
                                       ") keep time in the column 'time'; got '" +
                                       options.time_column + "'");
    if (options.time_unit != TimeUnit::automatic && options.time_unit != TimeUnit::seconds)
        throw Error("time_unit", "OpenSim files (" + path.string() + ") keep time in seconds");
    if (options.delimiter != 0)
        throw Error("delimiter", "OpenSim files (" + path.string() +
                                     ") are whitespace-separated; leave delimiter at 0");
    OpenSimOptions opensim;
    opensim.rate_hz = options.rate_hz;
    opensim.on_error = options.on_error;
    opensim.time_tolerance = options.time_tolerance;
    opensim.allow_nan_in_unused_columns = options.allow_nan_in_unused_columns;
    opensim.vertical_column = options.vertical_column;
    opensim.anterior_posterior_column = options.anterior_posterior_column;
    opensim.medio_lateral_column = options.medio_lateral_column;
    return read_opensim(path, opensim);
}

}  // namespace strideload::io
