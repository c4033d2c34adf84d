// A tiny downstream program: it links strideload::strideload and checks one published number
// (Morin et al. 2005, Eq. 6: m 70 kg, tc 0.20 s, tf 0.12 s, g 9.81 -> Fmax 1725.9 N).
#include <cmath>
#include <cstdio>
#include <strideload/strideload.hpp>

int main() {
    namespace sl = strideload;
    const auto load = sl::grf::morin2005(
        sl::Athlete::from_leg_length(sl::kilograms(70), sl::meters(0.95)),
        sl::Stride::make(sl::meters_per_second(5), sl::seconds(0.20), sl::seconds(0.12)),
        sl::meters_per_second_squared(9.81));
    std::printf("strideload %s: Fmax %.1f N\n", sl::version, load.peak_vertical_force.value());
    return std::abs(load.peak_vertical_force.value() - 1725.9) < 0.05 ? 0 : 1;
}
