/// @file
/// Boost.Units quantities used by every public strideload API, SI-2019 constants, and small
/// helpers to build quantities from the units watches and logbooks use (steps/min, ms, km/h).
/// Public dimensioned scalars are these quantities; kernels in `detail/` take SI doubles.
#pragma once

#include <boost/units/cmath.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si.hpp>
#include <cmath>
#include <numbers>

namespace strideload {

namespace si = boost::units::si;

/// Mass [kg].
using Mass = boost::units::quantity<si::mass>;
/// Length [m].
using Length = boost::units::quantity<si::length>;
/// Time [s].
using Time = boost::units::quantity<si::time>;
/// Speed [m/s].
using Speed = boost::units::quantity<si::velocity>;
/// Acceleration [m/s²].
using Acceleration = boost::units::quantity<si::acceleration>;
/// Force [N].
using Force = boost::units::quantity<si::force>;
/// Impulse [N·s] (dimension of momentum).
using Impulse = boost::units::quantity<si::momentum>;
/// Unit of stiffness [N/m].
using stiffness_unit = boost::units::divide_typeof_helper<si::force, si::length>::type;
/// Stiffness [N/m].
using Stiffness = boost::units::quantity<stiffness_unit>;
/// Unit of loading rate [N/s].
using loading_rate_unit = boost::units::divide_typeof_helper<si::force, si::time>::type;
/// Loading rate [N/s].
using LoadingRate = boost::units::quantity<loading_rate_unit>;
/// Frequency [Hz]; cadence and sample rate.
using Frequency = boost::units::quantity<si::frequency>;
/// Plane angle [rad].
using PlaneAngle = boost::units::quantity<si::plane_angle>;

/// Standard acceleration of gravity g_n [m/s²] (CGPM 1901, exact).
inline constexpr double standard_gravity_m_s2 = 9.80665;

/// Standard acceleration of gravity g_n = 9.80665 m/s² as a quantity.
inline Acceleration standard_gravity() {
    return standard_gravity_m_s2 * si::meters_per_second_squared;
}

/// @brief Mass from kilograms.  @param kg [kg]  @return mass
inline Mass kilograms(double kg) { return kg * si::kilograms; }
/// @brief Length from metres.  @param m [m]  @return length
inline Length meters(double m) { return m * si::meters; }
/// @brief Time from seconds.  @param s [s]  @return time
inline Time seconds(double s) { return s * si::seconds; }
/// @brief Time from minutes, as logbooks record sessions.  @param min [min]  @return time
inline Time minutes(double min) { return (min * 60.0) * si::seconds; }
/// @brief Time from milliseconds, as watches report ground contact.  @param ms [ms]  @return time
inline Time milliseconds(double ms) { return (ms / 1000.0) * si::seconds; }
/// @brief Speed from metres per second.  @param m_s [m/s]  @return speed
inline Speed meters_per_second(double m_s) { return m_s * si::meters_per_second; }
/// @brief Speed from kilometres per hour.  @param km_h [km/h]  @return speed
inline Speed kilometers_per_hour(double km_h) { return (km_h / 3.6) * si::meters_per_second; }
/// @brief Acceleration from m/s².  @param m_s2 [m/s²]  @return acceleration
inline Acceleration meters_per_second_squared(double m_s2) {
    return m_s2 * si::meters_per_second_squared;
}
/// @brief Force from newtons.  @param n [N]  @return force
inline Force newtons(double n) { return n * si::newtons; }
/// @brief Frequency from hertz.  @param hz [Hz]  @return frequency
inline Frequency hertz(double hz) { return hz * si::hertz; }
/// @brief Cadence from steps per minute (both feet), as watches display it.
/// @param spm [steps/min]  @return step frequency [Hz]
inline Frequency steps_per_minute(double spm) { return (spm / 60.0) * si::hertz; }
/// @brief Heart rate from beats per minute.  @param bpm [beats/min]  @return frequency [Hz]
inline Frequency beats_per_minute(double bpm) { return (bpm / 60.0) * si::hertz; }
/// @brief Plane angle from radians.  @param rad [rad]  @return angle
inline PlaneAngle radians(double rad) { return rad * si::radians; }
/// @brief Plane angle from degrees.  @param deg [°]  @return angle
inline PlaneAngle degrees(double deg) { return (deg * std::numbers::pi / 180.0) * si::radians; }

/// @brief Grade (rise over run, dimensionless; 0.05 = 5 %) of a slope of angle @p angle.
/// @param angle incline angle, positive uphill  @return grade = tan(angle)
inline double grade_from_angle(PlaneAngle angle) { return std::tan(angle.value()); }
/// @brief Incline angle of a slope of grade @p grade (rise over run).
/// @param grade dimensionless, positive uphill  @return angle = atan(grade)
inline PlaneAngle angle_from_grade(double grade) { return std::atan(grade) * si::radians; }

/// Standard gravity, bodyweight conversion factor to kilogram-force: 1 kgf = g_n × 1 kg [N].
inline constexpr double newtons_per_kilogram_force = standard_gravity_m_s2;

}  // namespace strideload
