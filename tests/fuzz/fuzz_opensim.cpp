// libFuzzer target: read_opensim on arbitrary text, recognising ground_force_* columns in
// raise mode, then in collect mode with NaN allowed in unused columns.
// Seeds: tests/data/io/*.mot, *.sto (see seeds.txt).
#include <cstddef>
#include <cstdint>

#include "check.hpp"
#include "scratch_file.hpp"
#include "strideload/io/force_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = strideload::fuzz::scratch_file(data, size, ".mot");
    strideload::fuzz::documented(
        [&] { strideload::fuzz::check_table(strideload::io::read_opensim(path)); });
    strideload::io::OpenSimOptions collect;
    collect.on_error = strideload::io::OnError::collect;
    collect.allow_nan_in_unused_columns = true;
    strideload::fuzz::documented(
        [&] { strideload::fuzz::check_table(strideload::io::read_opensim(path, collect)); });
    return 0;
}
