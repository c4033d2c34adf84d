// libFuzzer target: decode_tcx on arbitrary text, strictly and with keep_valid_prefix.
// Seeds: tests/data/activities/*.tcx (see seeds.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "activity_target.hpp"
#include "strideload/io/activity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    strideload::fuzz::fuzz_activity(data, size,
                                    [](std::string_view text, std::string_view name,
                                       const strideload::io::ActivityOptions& options) {
                                        return strideload::io::decode_tcx(text, name, options);
                                    });
    return 0;
}
