#include <cstdio>
#include <strideload/strideload.hpp>

int main() {
    namespace sl = strideload;
    // A 70 kg runner at 5 m/s: 200 ms contact, 120 ms flight, 0.95 m leg.
    const auto runner = sl::Athlete::from_leg_length(sl::kilograms(70), sl::meters(0.95));
    const auto step =
        sl::Stride::make(sl::meters_per_second(5), sl::seconds(0.20), sl::seconds(0.12));
    const auto load = sl::grf::morin2005(runner, step, sl::meters_per_second_squared(9.81));
    std::printf("peak %.1f N = %.3f BW, leg stiffness %.1f kN/m\n",
                load.peak_vertical_force.value(), load.peak_vertical_force_bw,
                load.leg_stiffness->value() / 1000.0);
    // Every model by name, as the CLI and Python call them.
    for (const auto& model : sl::grf::models()) {
        const auto l = sl::grf::step_load(model.model, runner, step);
        std::printf("%-17s %.2f BW\n", model.name.data(), l.peak_vertical_force_bw);
    }
}
