// libFuzzer target: decode_training_log on arbitrary text, strictly and with
// keep_valid_prefix, with log times taken as UTC+1 h 30 min (a half-hour zone).
// Seeds: examples/data/training-log.csv (see seeds.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "activity_target.hpp"
#include "strideload/io/activity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    strideload::io::ActivityOptions options;
    options.log_utc_offset_s = 5400.0;
    strideload::fuzz::fuzz_activity(
        data, size,
        [](std::string_view text, std::string_view name, const strideload::io::ActivityOptions& o) {
            return strideload::io::decode_training_log(text, name, o);
        },
        options);
    return 0;
}
