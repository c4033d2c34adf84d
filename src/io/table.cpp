// Shared core of the strideload::io readers: see table.hpp.
#include "table.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <system_error>

namespace strideload::io::detail {

namespace {

[[noreturn]] void throw_os_error(const char* what, const std::filesystem::path& path, int code) {
    throw std::filesystem::filesystem_error(what, path,
                                            std::error_code(code, std::generic_category()));
}

// Closes a POSIX file descriptor on every path out.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

// Asks Linux to back the 2 MiB-aligned interior of a large fresh buffer with transparent huge
// pages (as grf::detail::prefer_huge_pages does for batch columns): first writes then fault
// once per 2 MiB instead of once per 4 KiB. For a 200 MB table that halves the read time on a
// virtual machine, where page faults are dear. Harmless when THP is off.
void prefer_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
    if (bytes < 2 * huge) return;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const auto begin = (start + huge - 1) & ~(huge - 1);
    const auto end = (start + bytes) & ~(huge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace

FileText read_whole_file(const std::filesystem::path& path) {
    Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) throw_os_error("cannot open force file", path, errno);
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) throw_os_error("cannot stat force file", path, errno);
    if (S_ISDIR(info.st_mode)) throw_os_error("cannot read force file", path, EISDIR);
    // Regular files are read in one go (one spare byte shows whether the file grew); pipes
    // and the like grow the buffer as they go.
    std::size_t capacity =
        (S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0) + 4096;
    FileText text{std::make_unique_for_overwrite<char[]>(capacity), 0};
    prefer_huge_pages(text.bytes.get(), capacity);
    for (;;) {
        if (text.size == capacity) {
            capacity *= 2;
            auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
            prefer_huge_pages(bigger.get(), capacity);
            std::memcpy(bigger.get(), text.bytes.get(), text.size);
            text.bytes = std::move(bigger);
        }
        const ssize_t got = ::read(file.fd, text.bytes.get() + text.size, capacity - text.size);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw_os_error("cannot read force file", path, errno);
        }
        if (got == 0) break;
        text.size += static_cast<std::size_t>(got);
    }
    return text;
}

std::string_view strip_bom(std::string_view text) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (text.substr(0, bom.size()) == bom) text.remove_prefix(bom.size());
    return text;
}

bool LineCursor::next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    const char* begin = text_.data() + pos_;
    const std::size_t rest = text_.size() - pos_;
    // Most files end lines with '\n'; a '\r' before it, or a lone '\r', also ends one.
    const void* lf = std::memchr(begin, '\n', rest);
    std::size_t length = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - begin) : rest;
    const void* cr = std::memchr(begin, '\r', length);
    std::size_t skip;
    if (cr) {
        length = static_cast<std::size_t>(static_cast<const char*>(cr) - begin);
        skip = (length + 1 < rest && begin[length + 1] == '\n') ? 2 : 1;
    } else {
        skip = lf ? 1 : 0;
    }
    line = std::string_view(begin, length);
    pos_ += length + skip;
    ++next_line_;
    return true;
}

bool is_blank(std::string_view line) noexcept {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]);
        const auto y = static_cast<unsigned char>(b[i]);
        if (std::tolower(x) != std::tolower(y)) return false;
    }
    return true;
}

std::vector<std::string_view> split_whitespace(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (true) {
        i = line.find_first_not_of(" \t\r", i);
        if (i == std::string_view::npos) break;
        std::size_t j = line.find_first_of(" \t\r", i);
        if (j == std::string_view::npos) j = line.size();
        out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

std::size_t count_nonblank_lines(std::string_view text) noexcept {
    // Splits on '\n' only (fast); files with lone-'\r' line ends are undercounted, and the
    // builder then grows its matrix.
    std::size_t count = 0;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        const void* lf = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
        const char* stop = lf ? static_cast<const char*>(lf) : end;
        for (const char* q = p; q < stop; ++q)
            if (*q != ' ' && *q != '\t' && *q != '\r') {
                ++count;
                break;
            }
        p = stop + 1;
    }
    return count;
}

std::size_t expected_rows(std::string_view text, std::size_t columns) noexcept {
    return std::min(count_nonblank_lines(text),
                    text.size() / std::max<std::size_t>(columns, 1) + 1);
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        if (!out.empty()) out += ", ";
        out += '\'';
        out += name;
        out += '\'';
    }
    return out;
}

std::string format_number(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

bool parse_number(std::string_view text, double& value, bool& out_of_range) noexcept {
    const char* begin = text.data();
    const char* const end = begin + text.size();
    // std::from_chars takes no leading '+', which spreadsheets and printf("%+f") write.
    if (begin != end && *begin == '+') {
        ++begin;
        if (begin == end || *begin == '-' || *begin == '+') return false;
    }
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    out_of_range = ec == std::errc::result_out_of_range;
    return ec == std::errc() && ptr == end;
}

// ---------------------------------------------------------------------------------------------

TableBuilder::TableBuilder(const std::filesystem::path& path, const std::vector<std::string>& names,
                           std::vector<char> strict, Eigen::Index time_column, OnError mode,
                           std::size_t capacity)
    : path_(path),
      names_(names),
      strict_(std::move(strict)),
      columns_(static_cast<Eigen::Index>(names.size())),
      time_column_(time_column),
      mode_(mode),
      data_(static_cast<Eigen::Index>(std::max<std::size_t>(capacity, 2)), columns_) {
    prefer_huge_pages(data_.data(), static_cast<std::size_t>(data_.size()) * sizeof(double));
}

void TableBuilder::grow() {
    data_.conservativeResize(std::max<Eigen::Index>(16, 2 * row_), columns_);
    prefer_huge_pages(data_.data(), static_cast<std::size_t>(data_.size()) * sizeof(double));
}

void TableBuilder::flag(Bad kind, Eigen::Index column, std::string_view text) {
    bad_ = kind;
    bad_column_ = column;
    constexpr std::size_t shown = 40;
    bad_text_.assign(text.substr(0, shown));
    if (text.size() > shown) bad_text_ += "...";
}

std::string TableBuilder::describe_bad() const {
    const std::string& name = names_[static_cast<std::size_t>(bad_column_)];
    std::string field =
        "field " + std::to_string(bad_column_ + 1) + " (" + (name.empty() ? "unnamed" : name) + ")";
    switch (bad_) {
        case Bad::empty:
            return field + " is empty";
        case Bad::not_number:
            return field + " = '" + bad_text_ + "' is not a number";
        case Bad::out_of_range:
            return field + " = '" + bad_text_ + "' is out of the range of a double";
        case Bad::not_finite:
            return field + " = '" + bad_text_ + "' is not a finite number";
        case Bad::none:
            break;
    }
    return field;
}

void TableBuilder::end() {
    if (field_ == 0) return;  // no fields: not a row
    ++records_;
    std::string reason;
    if (field_ != columns_) {
        reason = std::to_string(field_) + (field_ == 1 ? " field" : " fields") + ", expected " +
                 std::to_string(columns_) + " (one per column of the header)";
    } else if (bad_ != Bad::none) {
        reason = describe_bad();
    } else if (time_column_ >= 0 && row_ > 0 && !(data_(row_, time_column_) > last_time_)) {
        reason = "time '" + names_[static_cast<std::size_t>(time_column_)] +
                 "' = " + format_number(data_(row_, time_column_)) + " does not increase (" +
                 format_number(last_time_) + " on line " + std::to_string(last_time_line_) + ")";
    }
    if (!reason.empty()) {
        problems_.push_back({line_, std::move(reason)});
        ++dropped_since_kept_;
        if (mode_ == OnError::raise) stopped_ = true;
        return;
    }
    if (row_ == 0 || line_ != last_kept_line_ + 1) line_anchors_.emplace_back(row_, line_);
    if (dropped_since_kept_ > 0) gaps_.emplace_back(row_, dropped_since_kept_);
    dropped_since_kept_ = 0;
    last_kept_line_ = line_;
    if (time_column_ >= 0) {
        last_time_ = data_(row_, time_column_);
        last_time_line_ = line_;
    }
    ++row_;
}

void TableBuilder::throw_stopped() const {
    const RowProblem& problem = problems_.back();
    throw FileError(path_, problem.line, problem.reason);
}

TableBuilder::Result TableBuilder::finish() && {
    Result out;
    if (row_ == data_.rows()) {
        out.data = std::move(data_);
    } else {
        out.data = data_.topRows(row_);
        data_.resize(0, 0);
    }
    out.problems = std::move(problems_);
    out.records = records_;
    out.line_anchors = std::move(line_anchors_);
    out.gaps = std::move(gaps_);
    return out;
}

std::size_t TableBuilder::Result::line_of(Eigen::Index row) const {
    auto it = std::upper_bound(line_anchors.begin(), line_anchors.end(), row,
                               [](Eigen::Index r, const auto& anchor) { return r < anchor.first; });
    if (it == line_anchors.begin()) return 0;
    --it;
    return it->second + static_cast<std::size_t>(row - it->first);
}

std::size_t TableBuilder::Result::gap_before(Eigen::Index row) const {
    auto it = std::lower_bound(gaps.begin(), gaps.end(), row,
                               [](const auto& gap, Eigen::Index r) { return gap.first < r; });
    return (it != gaps.end() && it->first == row) ? it->second : 0;
}

void feed_whitespace_rows(LineCursor& cursor, TableBuilder& builder) {
    std::string_view line;
    while (cursor.next(line)) {
        std::size_t i = line.find_first_not_of(" \t");
        if (i == std::string_view::npos) continue;  // blank line: no sample
        builder.begin(cursor.line());
        while (i != std::string_view::npos) {
            std::size_t j = line.find_first_of(" \t", i);
            if (j == std::string_view::npos) j = line.size();
            builder.field(line.data() + i, j - i);
            i = line.find_first_not_of(" \t", j);
        }
        builder.end();
        if (builder.stopped()) return;
    }
}

void validate_options(const std::optional<double>& rate_hz, double tolerance) {
    if (rate_hz) strideload::detail::require_in("rate_hz", *rate_hz, 10.0, 1e6, "Hz");
    strideload::detail::require_in_open_closed("time_tolerance", tolerance, 0.0, 0.5,
                                               "(fraction of the time step)");
}

Eigen::Index find_column(const std::filesystem::path& path, std::size_t header_line,
                         const std::vector<std::string>& names, std::string_view name) {
    Eigen::Index found = -1;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] != name) continue;
        if (found >= 0)
            throw FileError(path, header_line,
                            "column name '" + std::string(name) + "' appears twice (columns " +
                                std::to_string(found + 1) + " and " + std::to_string(i + 1) +
                                "), so it cannot be chosen by name");
        found = static_cast<Eigen::Index>(i);
    }
    return found;
}

// ---------------------------------------------------------------------------------------------

namespace {

struct Timing {
    double rate_hz;
    Eigen::VectorXd time_s;
};

// Rows left out before each kept row shift its index: k-th kept row is sample k + (rows left
// out before it) of the file.
Eigen::VectorXd sample_index(const TableBuilder::Result& rows) {
    const Eigen::Index n = rows.data.rows();
    Eigen::VectorXd index(n);
    double shift = 0.0;
    std::size_t g = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (g < rows.gaps.size() && rows.gaps[g].first == i)
            shift += static_cast<double>(rows.gaps[g++].second);
        index[i] = static_cast<double>(i) + shift;
    }
    return index;
}

Timing timing_without_column(const std::filesystem::path& path,
                             const std::vector<std::string>& names,
                             const TableBuilder::Result& rows, const TimeSpec& spec) {
    if (!spec.rate_hz)
        throw FileError(path, 0,
                        "no time column among " + quoted_list(names) +
                            ": give rate_hz, the sample rate in Hz (or name the time column)");
    return {*spec.rate_hz, sample_index(rows) / *spec.rate_hz};
}

Timing timing_from_column(const std::filesystem::path& path, const std::string& name,
                          const TableBuilder::Result& rows, const TimeSpec& spec) {
    const Eigen::Index n = rows.data.rows();
    const Eigen::VectorXd t = rows.data.col(spec.column);
    // Step per sample between kept rows; a row left out in collect mode makes a step of
    // k samples (k - 1 rows left out), compared with k × the median step.
    std::vector<double> steps(static_cast<std::size_t>(n - 1));
    double samples_spanned = 0.0;
    for (Eigen::Index i = 1; i < n; ++i) {
        const double k = 1.0 + static_cast<double>(rows.gap_before(i));
        steps[static_cast<std::size_t>(i - 1)] = (t[i] - t[i - 1]) / k;
        samples_spanned += k;
    }
    std::vector<double> sorted = steps;
    const auto mid = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), mid, sorted.end());
    const double median_step = *mid;

    const bool integers = (t.array() == t.array().floor()).all();
    const bool frames = spec.unit == TimeUnit::frames ||
                        (spec.unit == TimeUnit::automatic &&
                         (spec.named_as_frames || (integers && median_step == 1.0)));

    const double allowed = spec.tolerance * median_step;
    for (Eigen::Index i = 1; i < n; ++i) {
        const double k = 1.0 + static_cast<double>(rows.gap_before(i));
        const double step = t[i] - t[i - 1];
        if (std::abs(step - k * median_step) <= allowed) continue;
        std::string expected = format_number(median_step);
        if (k > 1.0) expected = format_number(k) + " × " + expected;
        throw FileError(path, rows.line_of(i),
                        "time column '" + name + "' steps from " + format_number(t[i - 1]) +
                            " (line " + std::to_string(rows.line_of(i - 1)) + ") to " +
                            format_number(t[i]) + ", expected a step of " + expected + " ± " +
                            format_number(spec.tolerance * 100.0) +
                            " %: sampling is not uniform (time_tolerance sets the allowed jitter)");
    }

    if (frames) {
        if (!spec.rate_hz)
            throw FileError(path, 0,
                            "column '" + name + "' counts frames (" + format_number(t[0]) + ", " +
                                format_number(t[1]) +
                                ", ...), not seconds: give rate_hz, the sample rate in Hz");
        if (std::abs(median_step - 1.0) > spec.tolerance)
            throw FileError(path, 0,
                            "column '" + name + "' is read as frame numbers but steps by " +
                                format_number(median_step) + ", not 1");
        const double first_frame = t[0] - static_cast<double>(rows.gap_before(0));
        return {*spec.rate_hz, (t.array() - first_frame) / *spec.rate_hz};
    }

    const double scale = spec.unit == TimeUnit::milliseconds ? 1e-3 : 1.0;
    const double rate_from_time = samples_spanned / ((t[n - 1] - t[0]) * scale);
    if (spec.rate_hz) {
        if (std::abs(*spec.rate_hz - rate_from_time) > spec.tolerance * *spec.rate_hz)
            throw FileError(path, 0,
                            "rate_hz = " + format_number(*spec.rate_hz) +
                                " Hz disagrees with the time column '" + name +
                                "', whose steps give " + format_number(rate_from_time) + " Hz");
        return {*spec.rate_hz, t * scale};
    }
    if (!(rate_from_time >= 10.0 && rate_from_time <= 1e6))
        throw FileError(path, 0,
                        "the time column '" + name + "' gives a sample rate of " +
                            format_number(rate_from_time) +
                            " Hz, outside [10 Hz, 1 MHz]: if it is not in seconds, set "
                            "time_unit (frames, milliseconds) or give rate_hz");
    return {rate_from_time, t * scale};
}

}  // namespace

ForceTable make_table(const std::filesystem::path& path, std::vector<std::string> names,
                      TableBuilder::Result rows, const TimeSpec& time,
                      std::vector<ForceTable::Plate> plates) {
    const Eigen::Index n = rows.data.rows();
    if (n < 2) {
        std::string reason = rows.records == 0
                                 ? std::string("no data rows after the header")
                                 : "only " + std::to_string(n) + " valid sample" +
                                       (n == 1 ? "" : "s") + " of " + std::to_string(rows.records) +
                                       " data rows; a force table needs at least 2";
        if (!rows.problems.empty())
            reason += " (" + std::to_string(rows.problems.size()) + " rows left out; first: line " +
                      std::to_string(rows.problems[0].line) + ": " + rows.problems[0].reason + ")";
        throw FileError(path, 0, reason);
    }
    Timing timing =
        time.column >= 0
            ? timing_from_column(path, names[static_cast<std::size_t>(time.column)], rows, time)
            : timing_without_column(path, names, rows, time);
    ForceTable table;
    table.source = path.string();
    table.time_column = time.column >= 0 ? names[static_cast<std::size_t>(time.column)] : "";
    table.column_names = std::move(names);
    table.data = std::move(rows.data);
    table.rate_hz = timing.rate_hz;
    table.time_s = std::move(timing.time_s);
    table.plates = std::move(plates);
    table.problems = std::move(rows.problems);
    table.rows_read = rows.records;
    return table;
}

}  // namespace strideload::io::detail
