// OpenSim .mot / .sto files (read_opensim). Format: OpenSim documentation, "Storage (.sto)
// Files" and "Motion (.mot) Files": free header lines (`key=value`, e.g. version, nRows,
// nColumns, inDegrees; SIMM-era files write `datarows N` / `datacolumns N`) up to a line
// `endheader`, one row of column names, then rows of numbers separated by tabs or spaces.
#include <algorithm>
#include <charconv>

#include "strideload/io/force_table.hpp"
#include "table.hpp"

namespace strideload::io {

namespace {

struct HeaderCount {
    std::size_t value = 0;
    std::size_t line = 0;  // 0: not in the header
    std::string key;
};

std::size_t parse_count(const std::filesystem::path& path, std::size_t line, std::string_view key,
                        std::string_view value) {
    std::size_t count = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
    if (ec != std::errc() || ptr != value.data() + value.size())
        throw FileError(path, line,
                        std::string(key) + " = '" + std::string(value) + "' is not a whole number");
    return count;
}

// The column-name row: tab-separated when it holds a tab (names may then contain spaces;
// OpenSim may end the row with a tab), else split on whitespace.
std::vector<std::string> column_names(const std::filesystem::path& path, std::size_t line,
                                      std::string_view row) {
    std::vector<std::string> names;
    if (row.find('\t') == std::string_view::npos) {
        for (const std::string_view name : detail::split_whitespace(row)) names.emplace_back(name);
        return names;
    }
    std::size_t at = 0;
    while (true) {
        const std::size_t tab = row.find('\t', at);
        names.emplace_back(detail::trim(
            row.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at)));
        if (tab == std::string_view::npos) break;
        at = tab + 1;
    }
    while (!names.empty() && names.back().empty()) names.pop_back();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i].empty())
            throw FileError(path, line,
                            "column " + std::to_string(i + 1) +
                                " of the column-name row has no "
                                "name");
    return names;
}

// OpenSim force columns: [prefix_]ground_force_[infix_]v{x,y,z}, grouped by everything but
// the final "_v?" (the label), in order of first appearance. OpenSim axes: y up, x forward,
// z to the right.
std::vector<ForceTable::Plate> recognise_plates(const std::filesystem::path& path, std::size_t line,
                                                const std::vector<std::string>& names) {
    std::vector<ForceTable::Plate> plates;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string& name = names[i];
        if (name.size() < 4) continue;
        const std::string lower = detail::to_lower(name);
        const std::string_view tail = std::string_view(lower).substr(lower.size() - 3);
        if (lower.find("ground_force") == std::string::npos || tail[0] != '_' || tail[1] != 'v' ||
            (tail[2] != 'x' && tail[2] != 'y' && tail[2] != 'z'))
            continue;
        const std::string label = name.substr(0, name.size() - 3);
        auto plate = std::find_if(plates.begin(), plates.end(),
                                  [&](const ForceTable::Plate& p) { return p.label == label; });
        if (plate == plates.end()) plate = plates.insert(plates.end(), {label, -1, -1, -1});
        Eigen::Index& slot = tail[2] == 'y'   ? plate->vertical
                             : tail[2] == 'x' ? plate->anterior_posterior
                                              : plate->medio_lateral;
        if (slot >= 0)
            throw FileError(path, line,
                            "columns " + std::to_string(slot + 1) + " and " +
                                std::to_string(i + 1) + " are both the " + std::string(1, tail[2]) +
                                " force of '" + label + "'");
        slot = static_cast<Eigen::Index>(i);
    }
    if (plates.empty())
        throw FileError(path, line,
                        "no ground force columns (ground_force_vy, 1_ground_force_vy, "
                        "ground_force_2_vy, r_ground_force_vy, ...); columns: " +
                            detail::quoted_list(names));
    for (const ForceTable::Plate& plate : plates)
        if (plate.vertical < 0)
            throw FileError(path, line,
                            "force columns of '" + plate.label + "' have no vertical column '" +
                                plate.label + "_vy'");
    return plates;
}

// The caller's columns as one plate, instead of recognising OpenSim names.
ForceTable::Plate chosen_plate(const std::filesystem::path& path, std::size_t line,
                               const std::vector<std::string>& names,
                               const OpenSimOptions& options) {
    auto find = [&](const std::string& name, const char* option) -> Eigen::Index {
        if (name.empty()) return -1;
        const Eigen::Index index = detail::find_column(path, line, names, name);
        if (index < 0)
            throw FileError(path, line,
                            std::string(option) + " '" + name +
                                "' is not a column; columns: " + detail::quoted_list(names));
        return index;
    };
    return {options.vertical_column, find(options.vertical_column, "vertical_column"),
            find(options.anterior_posterior_column, "anterior_posterior_column"),
            find(options.medio_lateral_column, "medio_lateral_column")};
}

}  // namespace

ForceTable read_opensim(const std::filesystem::path& path, const OpenSimOptions& options) {
    detail::validate_options(options.rate_hz, options.time_tolerance);
    if (options.vertical_column.empty() &&
        !(options.anterior_posterior_column.empty() && options.medio_lateral_column.empty()))
        throw Error("vertical_column",
                    "is needed when anterior_posterior_column or medio_lateral_column is set");

    const detail::FileText file = detail::read_whole_file(path);
    const std::string_view text = detail::strip_bom(file.view());
    if (detail::is_blank(text))
        throw FileError(path, 0, text.empty() ? "the file is empty" : "the file is blank");

    // Header up to `endheader`.
    detail::LineCursor cursor(text);
    std::vector<std::pair<std::string, std::string>> metadata;
    HeaderCount rows, columns;
    bool ended = false;
    std::string_view line;
    while (cursor.next(line)) {
        const std::string_view entry = detail::trim(line);
        if (detail::iequals(entry, "endheader")) {
            ended = true;
            break;
        }
        std::string_view key, value;
        const std::size_t equals = entry.find('=');
        if (equals != std::string_view::npos) {
            key = detail::trim(entry.substr(0, equals));
            value = detail::trim(entry.substr(equals + 1));
        } else {
            const auto words = detail::split_whitespace(entry);
            if (words.size() != 2 || !(detail::iequals(words[0], "datarows") ||
                                       detail::iequals(words[0], "datacolumns")))
                continue;  // a title line (often the file name)
            key = words[0];
            value = words[1];
        }
        metadata.emplace_back(key, value);
        if (detail::iequals(key, "nRows") || detail::iequals(key, "datarows"))
            rows = {parse_count(path, cursor.line(), key, value), cursor.line(), std::string(key)};
        else if (detail::iequals(key, "nColumns") || detail::iequals(key, "datacolumns"))
            columns = {parse_count(path, cursor.line(), key, value), cursor.line(),
                       std::string(key)};
        else if (detail::iequals(key, "inDegrees") && !detail::iequals(value, "yes") &&
                 !detail::iequals(value, "no"))
            throw FileError(path, cursor.line(),
                            "inDegrees = '" + std::string(value) + "', expected yes or no");
    }
    if (!ended)
        throw FileError(path, 0,
                        "no 'endheader' line: an OpenSim .mot/.sto file has header lines ending "
                        "with a line 'endheader', then the column names");

    bool named = false;
    while (!named && cursor.next(line)) named = !detail::is_blank(line);
    if (!named) throw FileError(path, 0, "no column-name row after 'endheader'");
    const std::size_t names_line = cursor.line();
    std::vector<std::string> names = column_names(path, names_line, line);
    if (columns.line != 0 && columns.value != names.size())
        throw FileError(path, names_line,
                        std::to_string(names.size()) + " column names, but " + columns.key + "=" +
                            std::to_string(columns.value) + " on line " +
                            std::to_string(columns.line));

    std::vector<ForceTable::Plate> plates =
        options.vertical_column.empty()
            ? recognise_plates(path, names_line, names)
            : std::vector{chosen_plate(path, names_line, names, options)};
    Eigen::Index time = -1;
    for (std::size_t i = 0; i < names.size() && time < 0; ++i)
        if (detail::iequals(names[i], "time")) time = static_cast<Eigen::Index>(i);

    std::vector<char> strict(names.size(), options.allow_nan_in_unused_columns ? 0 : 1);
    if (time >= 0) strict[static_cast<std::size_t>(time)] = 1;
    for (const ForceTable::Plate& plate : plates)
        for (const Eigen::Index used :
             {plate.vertical, plate.anterior_posterior, plate.medio_lateral})
            if (used >= 0) strict[static_cast<std::size_t>(used)] = 1;
    for (const ForceTable::Plate& plate : plates)
        if (time >= 0 && (plate.vertical == time || plate.anterior_posterior == time ||
                          plate.medio_lateral == time))
            throw FileError(path, names_line, "the column 'time' cannot also be a force column");

    detail::TableBuilder builder(path, names, std::move(strict), time, options.on_error,
                                 detail::expected_rows(text.substr(cursor.offset()), names.size()));
    detail::feed_whitespace_rows(cursor, builder);
    if (builder.stopped()) builder.throw_stopped();
    if (rows.line != 0 && rows.value != builder.records())
        throw FileError(path, rows.line,
                        rows.key + "=" + std::to_string(rows.value) + ", but the file has " +
                            std::to_string(builder.records()) + " data rows");

    detail::TableBuilder::Result data_rows = std::move(builder).finish();
    ForceTable table = detail::make_table(
        path, std::move(names), std::move(data_rows),
        {time, TimeUnit::seconds, false, options.rate_hz, options.time_tolerance},
        std::move(plates));
    table.metadata = std::move(metadata);
    return table;
}

}  // namespace strideload::io
