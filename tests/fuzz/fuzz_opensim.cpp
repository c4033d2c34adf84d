// libFuzzer target: read_opensim on arbitrary text, recognising ground_force_* columns in
// raise mode, then in collect mode with NaN allowed in unused columns.
// Seeds: tests/data/io/*.mot, *.sto (see seeds.txt).
#include <Eigen/Core>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "check.hpp"
#include "scratch_file.hpp"
#include "strideload/io/force_table.hpp"

namespace {

using strideload::fuzz::require;

void check_table(const strideload::io::ForceTable& t) {
    const Eigen::Index n = t.samples();
    require(t.data.cols() == static_cast<Eigen::Index>(t.column_names.size()),
            "ForceTable: one data column per column name");
    require(t.time_s.size() == n, "ForceTable: one time per kept sample");
    require(std::isfinite(t.rate_hz) && t.rate_hz >= 10.0 && t.rate_hz <= 1e6,
            "ForceTable: rate in [10 Hz, 1 MHz]");
    require(t.rows_read == static_cast<std::size_t>(n) + t.problems.size(),
            "ForceTable: rows_read = kept + left out");
    for (Eigen::Index i = 1; i < n; ++i)
        require(t.time_s[i] > t.time_s[i - 1], "ForceTable: time increases");
    for (const strideload::io::ForceTable::Plate& p : t.plates)
        require(p.vertical < t.data.cols() && p.anterior_posterior < t.data.cols() &&
                    p.medio_lateral < t.data.cols(),
                "ForceTable: force columns inside the table");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = strideload::fuzz::scratch_file(data, size, ".mot");
    strideload::fuzz::documented([&] { check_table(strideload::io::read_opensim(path)); });
    strideload::io::OpenSimOptions collect;
    collect.on_error = strideload::io::OnError::collect;
    collect.allow_nan_in_unused_columns = true;
    strideload::fuzz::documented([&] { check_table(strideload::io::read_opensim(path, collect)); });
    return 0;
}
