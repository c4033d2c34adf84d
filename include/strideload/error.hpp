/// @file
/// strideload::Error, the one exception type for bad input: it names the field, the offending
/// value and the allowed range, so a user (or the CLI, or Python's ValueError) can say exactly
/// what to fix.
#pragma once

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace strideload {

/// Bad input: a value outside its allowed range, a non-finite number, an unknown name.
/// Derives from std::invalid_argument (Python sees ValueError).
class Error : public std::invalid_argument {
  public:
    /// @brief A field whose value is outside its allowed range.
    /// @param field name of the field as the caller spelled it, with its unit suffix
    ///        (e.g. "contact_time_s")
    /// @param value the offending value
    /// @param allowed the allowed range in words or interval notation (e.g. "(0, 0.38) s")
    Error(std::string field, double value, std::string allowed)
        : std::invalid_argument(format(field, value, allowed)),
          field_(std::move(field)),
          value_(value),
          allowed_(std::move(allowed)) {}

    /// @brief A field that is wrong for a reason other than its range (an unknown name, say).
    /// @param field name of the field  @param message what is wrong
    Error(std::string field, const std::string& message)
        : std::invalid_argument(field + ": " + message),
          field_(std::move(field)),
          value_(std::nan("")) {}

    /// @return the name of the offending field
    const std::string& field() const noexcept { return field_; }
    /// @return the offending value (NaN when the error is not about a number)
    double value() const noexcept { return value_; }
    /// @return the allowed range, or empty when not applicable
    const std::string& allowed() const noexcept { return allowed_; }

  private:
    static std::string format(const std::string& field, double value, const std::string& allowed) {
        std::ostringstream os;
        os.precision(10);
        os << field << " = " << value << " is not allowed: must be " << allowed;
        return os.str();
    }

    std::string field_;
    double value_;
    std::string allowed_;
};

namespace detail {

/// @brief Throws Error unless lo <= value <= hi and value is finite.
inline void require_in(const char* field, double value, double lo, double hi, const char* unit) {
    if (!(std::isfinite(value) && value >= lo && value <= hi)) {
        std::ostringstream os;
        os << "finite and in [" << lo << ", " << hi << "] " << unit;
        throw Error(field, value, os.str());
    }
}

/// @brief Throws Error unless lo < value <= hi and value is finite.
inline void require_in_open_closed(const char* field, double value, double lo, double hi,
                                   const char* unit) {
    if (!(std::isfinite(value) && value > lo && value <= hi)) {
        std::ostringstream os;
        os << "finite and in (" << lo << ", " << hi << "] " << unit;
        throw Error(field, value, os.str());
    }
}

}  // namespace detail
}  // namespace strideload
