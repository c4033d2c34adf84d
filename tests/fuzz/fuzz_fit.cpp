// libFuzzer target: decode_fit on arbitrary bytes, strict and with keep_valid_prefix, then
// activity_from_fit on what decoded. Seeds: tests/data/activities/*.fit (see seeds.txt).
#include <cstddef>
#include <cstdint>
#include <span>

#include "check.hpp"
#include "strideload/io/activity.hpp"
#include "strideload/io/fit.hpp"

namespace {

using strideload::fuzz::require;

void check_fit(const strideload::io::FitFile& f) {
    const strideload::io::FitRecords& r = f.records;
    const std::size_t n = r.size();
    for (const std::vector<double>* c :
         {&r.position_lat_deg, &r.position_long_deg, &r.distance_m, &r.speed_m_s, &r.altitude_m,
          &r.heart_rate_bpm, &r.cadence_rpm, &r.stance_time_ms, &r.stance_time_percent,
          &r.stance_time_balance_pct, &r.vertical_oscillation_mm, &r.vertical_ratio_pct,
          &r.step_length_mm, &r.power_W, &r.temperature_C})
        require(c->size() == n, "FitFile: every record column has records.size() entries");
    // Record times go backwards only from one chained file to the next.
    if (f.files <= 1)
        require(strideload::fuzz::non_decreasing(r.timestamp_s),
                "FitFile: record times non-decreasing within one file");
    require(f.unknown_messages <= f.messages, "FitFile: unknown_messages <= messages");
    require(n + f.sessions.size() + f.laps.size() + f.events.size() <= f.messages,
            "FitFile: decoded messages <= messages");
    strideload::fuzz::check_activity(strideload::io::activity_from_fit(f, "fuzz.fit"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    strideload::io::FitFile strict;
    const bool strict_ok = strideload::fuzz::documented([&] {
        strict = strideload::io::decode_fit(bytes, "fuzz.fit");
        require(strict.dropped.empty(), "FitFile: strict decoding drops nothing");
        check_fit(strict);
    });
    strideload::fuzz::documented([&] {
        const strideload::io::FitFile prefix =
            strideload::io::decode_fit(bytes, "fuzz.fit", {.keep_valid_prefix = true});
        check_fit(prefix);
        if (strict_ok) {
            // Undamaged input: keeping the valid prefix keeps everything.
            require(prefix.dropped.empty(), "FitFile: an undamaged file drops nothing");
            require(prefix.records.size() == strict.records.size() &&
                        prefix.messages == strict.messages && prefix.files == strict.files,
                    "FitFile: keep_valid_prefix decodes an undamaged file as strict mode does");
        }
    });
    return 0;
}
