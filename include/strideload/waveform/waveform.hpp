/// @file
/// Force-time signals: Butterworth filtering (butterworth.hpp), stance detection (stances.hpp),
/// per-stance metrics (metrics.hpp) and vertical force from a body-worn accelerometer
/// (accelerometer.hpp).
#pragma once

#include "strideload/waveform/accelerometer.hpp"
#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"
#include "strideload/waveform/stances.hpp"
