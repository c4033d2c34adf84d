// The bundled Fukuchi et al. 2017 treadmill trial (tests/data/fukuchi2017: tab-separated,
// header "Time Fx Fy Fz COPx COPy COPz Ty", Time = frame number at 300 Hz, Fy vertical [N],
// Fx anterior-posterior [N], runner 78.3 kg), read for the waveform tests.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test {

/// @brief Column @p col (0 = Time, 1 = Fx, 2 = Fy, ...) of the trial, one value per frame.
inline std::vector<double> fukuchi_column(int col) {
    std::ifstream in(STRIDELOAD_TEST_DATA_DIR "/fukuchi2017/RBDS0041runT252forces.txt");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);  // header
    std::vector<double> v;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        double value = 0.0;
        for (int c = 0; c <= col; ++c) row >> value;
        v.push_back(value);
    }
    return v;
}

}  // namespace test
