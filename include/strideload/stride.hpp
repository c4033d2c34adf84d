/// @file
/// How one step is run: speed, ground contact time, flight (aerial) time and grade. A step is
/// one foot contact plus the flight that follows it; a stride is two steps. A `Stride` can be
/// built from what a running watch records — cadence in steps/min and ground contact time in
/// ms: step time = 60 / cadence, flight time = step time − contact time.
#pragma once

#include <sstream>

#include "strideload/detail/kernel.hpp"
#include "strideload/units.hpp"

namespace strideload {

/// Allowed watch cadence [steps/min], inclusive.
inline constexpr double min_cadence_spm = 30.0, max_cadence_spm = 400.0;

/// One step's running parameters. Build with `Stride::make` or `Stride::from_cadence`.
struct Stride {
    Speed speed;         ///< running speed [m/s], (0, 12.5]
    Time contact_time;   ///< ground contact time of the step [s], (0, 2]
    Time flight_time;    ///< aerial time after the contact [s], [0, 2]
    double grade = 0.0;  ///< rise over run (0.05 = 5 % uphill), within ±0.45

    /// @brief Step time = contact + flight [s].
    Time step_time() const { return contact_time + flight_time; }
    /// @brief Step frequency (cadence) = 1 / step time [Hz]; × 60 for steps/min.
    Frequency cadence() const { return 1.0 / step_time(); }

    /// @brief A validated step from speed and the two phase times.
    /// @param speed [m/s] @param contact_time [s] @param flight_time [s]
    /// @param grade rise over run, ±0.45 (dimensionless)
    /// @throws Error naming `speed_m_s`, `contact_time_s`, `flight_time_s` or `grade`
    static Stride make(Speed speed, Time contact_time, Time flight_time, double grade = 0.0) {
        Stride s{speed, contact_time, flight_time, grade};
        s.validate();
        return s;
    }

    /// @brief A validated step from what watches record.
    /// @param speed [m/s]
    /// @param cadence step frequency of both feet (`steps_per_minute(170)`) [Hz]
    /// @param contact_time ground contact time (`milliseconds(240)`) [s]; must be shorter
    ///        than the step time 1/cadence
    /// @param grade rise over run, ±0.45
    /// @throws Error naming `cadence_spm` or `contact_time_ms` — in the units a watch reports
    ///         them — with the allowed range
    static Stride from_cadence(Speed speed, Frequency cadence, Time contact_time,
                               double grade = 0.0) {
        return make(speed, contact_time, flight_time_from_cadence(cadence, contact_time), grade);
    }

    /// @brief Flight time = 60/cadence − contact time, the timing half of from_cadence.
    /// @param cadence step frequency of both feet [Hz]  @param contact_time [s]
    /// @return flight time [s]
    /// @throws Error naming `cadence_spm` or `contact_time_ms`, as from_cadence
    static Time flight_time_from_cadence(Frequency cadence, Time contact_time) {
        const double spm = cadence.value() * 60.0;
        if (!(std::isfinite(spm) && spm >= min_cadence_spm && spm <= max_cadence_spm))
            throw Error("cadence_spm", spm, "in [30, 400] steps/min");
        const double step_s = 1.0 / cadence.value();
        if (!(std::isfinite(contact_time.value()) && contact_time.value() > 0.0 &&
              contact_time.value() < step_s)) {
            std::ostringstream os;
            os << "in (0, " << 1000.0 * step_s << ") ms, shorter than the step time 60/cadence";
            throw Error("contact_time_ms", 1000.0 * contact_time.value(), os.str());
        }
        return seconds(step_s) - contact_time;
    }

    /// @brief Throws Error when a field is outside its allowed range.
    void validate() const {
        detail::require_in_open_closed("speed_m_s", speed.value(), 0.0, detail::max_speed_m_s,
                                       "m/s");
        detail::require_in_open_closed("contact_time_s", contact_time.value(), 0.0,
                                       detail::max_contact_time_s, "s");
        detail::require_in("flight_time_s", flight_time.value(), 0.0, detail::max_flight_time_s,
                           "s");
        detail::require_in("grade", grade, -detail::max_abs_grade, detail::max_abs_grade,
                           "(rise over run)");
    }
};

}  // namespace strideload
