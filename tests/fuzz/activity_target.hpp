// Shared by the text activity targets (TCX, GPX, training log): one reader run strictly and with
// keep_valid_prefix; both results checked; an input read strictly must read the same way with
// keep_valid_prefix (same records, sessions and notes of what was left out).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check.hpp"
#include "strideload/io/activity.hpp"

namespace strideload::fuzz {

/// @brief Runs @p decode (string_view, name, ActivityOptions) -> Activity on the input.
template <class Decode>
void fuzz_activity(const std::uint8_t* data, std::size_t size, Decode decode,
                   io::ActivityOptions options = {}) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    io::Activity strict;
    options.keep_valid_prefix = false;
    const bool strict_ok = documented([&] {
        // Strict reading may still list records it left out by design (track points without
        // a time), so `dropped` is not required empty here.
        strict = decode(text, "fuzz", options);
        check_activity(strict);
    });
    options.keep_valid_prefix = true;
    documented([&] {
        const io::Activity prefix = decode(text, "fuzz", options);
        check_activity(prefix);
        if (strict_ok)
            require(prefix.records.size() == strict.records.size() &&
                        prefix.sessions.size() == strict.sessions.size() &&
                        prefix.dropped.size() == strict.dropped.size(),
                    "Activity: keep_valid_prefix reads an undamaged file as strict mode does");
    });
}

}  // namespace strideload::fuzz
