/// @file
/// Force-time signals: Butterworth filtering (butterworth.hpp), stance detection (stances.hpp)
/// and per-stance metrics (metrics.hpp). The accelerometer → force methods have their own
/// header, accelerometer.hpp.
#pragma once

#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"
#include "strideload/waveform/stances.hpp"
