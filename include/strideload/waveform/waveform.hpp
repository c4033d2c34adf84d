/// @file
/// Force-time signals: Butterworth filtering (butterworth.hpp; Butterworth S (1930) "On the
/// theory of filter amplifiers", Wireless Engineer 7:536, designed and applied forward and
/// backward as scipy.signal.butter/filtfilt do), stance detection (stances.hpp), per-stance
/// metrics (metrics.hpp; loading rates after Milner CE et al. (2006) Med Sci Sports Exerc
/// 38:323, the 13 %-of-stance landmark after Davis IS, Bowser BJ & Mullineaux DR (2016) Br J
/// Sports Med 50:887) and vertical force from a body-worn accelerometer (accelerometer.hpp;
/// Neugebauer et al. 2014, Meyer et al. 2015, Wundersitz et al. 2013, Gurchiek et al. 2017,
/// Charry et al. 2013 — full citations and equations there).
#pragma once

#include "strideload/waveform/accelerometer.hpp"
#include "strideload/waveform/butterworth.hpp"
#include "strideload/waveform/metrics.hpp"
#include "strideload/waveform/stances.hpp"
