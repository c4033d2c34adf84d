// Shared fixtures of the GRF tests: the published example runners.
#pragma once

#include <strideload/strideload.hpp>

namespace sl = strideload;

namespace test {
// grf-models.md uses g = 9.81 for its fixtures.
inline const sl::Acceleration g981 = sl::meters_per_second_squared(9.81);

inline sl::Athlete runner(double mass_kg, double leg_m) {
    return sl::Athlete::from_leg_length(sl::kilograms(mass_kg), sl::meters(leg_m));
}
inline sl::Stride step(double speed, double tc, double tf, double grade = 0.0) {
    return sl::Stride::make(sl::meters_per_second(speed), sl::seconds(tc), sl::seconds(tf), grade);
}
}  // namespace test
