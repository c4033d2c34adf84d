// libFuzzer target: read_force_table on arbitrary text, in two option sets (raise mode with
// the delimiter detected; collect mode with NaN allowed in unused columns and a given rate).
// The force columns are taken from the input's own first non-blank line, split the way the
// reader would (quote-aware), so that mutated headers still reach the data rows.
// Seeds: tests/data/io/*.csv, *.txt and the head of the Fukuchi force file (see seeds.txt).
#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.hpp"
#include "scratch_file.hpp"
#include "strideload/io/force_table.hpp"

namespace {

using strideload::fuzz::require;

// The header line's fields, split on the first of tab, comma, semicolon found (else on runs
// of spaces), double quotes removed ("" inside quotes is one quote).
std::vector<std::string> header_fields(std::string_view text) {
    std::string_view line;
    while (!text.empty()) {
        const std::size_t end = text.find_first_of("\r\n");
        line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.find_first_not_of(" \t") != std::string_view::npos) break;
        line = {};
    }
    char delimiter = ' ';
    for (const char c : {'\t', ',', ';'})
        if (line.find(c) != std::string_view::npos) {
            delimiter = c;
            break;
        }
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') {
            if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (!quoted && (c == delimiter || (delimiter == ' ' && c == '\t'))) {
            if (delimiter != ' ' || !fields.back().empty()) fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (delimiter == ' ' && fields.size() > 1 && fields.back().empty()) fields.pop_back();
    return fields;
}

/// The shared table invariants, plus what a delimited table with a named vertical column has:
/// a plate whose vertical force is a finite column.
void check_table(const strideload::io::ForceTable& t) {
    strideload::fuzz::check_table(t);
    require(!t.plates.empty(), "ForceTable: at least one plate");
    for (const strideload::io::ForceTable::Plate& p : t.plates) {
        require(p.vertical >= 0, "ForceTable: vertical column");
        require(t.data.col(p.vertical).allFinite(), "ForceTable: vertical force finite");
    }
    require(t.vertical_N().size() == t.samples(),
            "ForceTable: vertical_N has one value per sample");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> names = header_fields(text);
    const auto& path = strideload::fuzz::scratch_file(data, size, ".csv");

    strideload::io::ForceTableOptions raise;
    raise.vertical_column = names.size() > 1 ? names[1] : names[0];
    if (names.size() > 2) raise.anterior_posterior_column = names[2];
    strideload::fuzz::documented(
        [&] { check_table(strideload::io::read_force_table(path, raise)); });

    strideload::io::ForceTableOptions collect;
    collect.vertical_column = names.back();
    if (names.size() > 3) collect.medio_lateral_column = names[names.size() - 2];
    collect.on_error = strideload::io::OnError::collect;
    collect.allow_nan_in_unused_columns = true;
    collect.rate_hz = 300.0;
    collect.time_tolerance = 0.5;
    strideload::fuzz::documented(
        [&] { check_table(strideload::io::read_force_table(path, collect)); });
    return 0;
}
