/// @file
/// The check every recovery model makes of its daily series: each value finite and ≥ 0.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>

#include "strideload/error.hpp"

namespace strideload::recovery::detail {

/// @brief Throws Error for the first value that is not finite and ≥ 0, naming it
///        field[day] (or field[row, day] for a row of a matrix).
/// @param values the daily values  @param field name to report, e.g. "load"
/// @param row athlete row for a matrix (−1: a single series)
/// @param allowed the allowed range in words, for the message
inline void require_loads(std::span<const double> values, const char* field, std::ptrdiff_t row,
                          const char* allowed = "finite and >= 0 (a rest day is 0)") {
    for (std::size_t d = 0; d < values.size(); ++d)
        if (!(values[d] >= 0.0 && values[d] <= std::numeric_limits<double>::max()))
            throw Error(std::string(field) + "[" +
                            (row >= 0 ? std::to_string(row) + ", " : std::string()) +
                            std::to_string(d) + "]",
                        values[d], allowed);
}

}  // namespace strideload::recovery::detail
