/// @file
/// Umbrella header: one public header per area. The file readers (strideload/io/) are
/// compiled: include them yourself and link strideload::io.
#pragma once

#include "strideload/accuracy/accuracy.hpp"
#include "strideload/athlete.hpp"
#include "strideload/error.hpp"
#include "strideload/grf/models.hpp"
#include "strideload/load/cumulative.hpp"
#include "strideload/recovery/recovery.hpp"
#include "strideload/stride.hpp"
#include "strideload/units.hpp"
#include "strideload/version.hpp"
#include "strideload/waveform/waveform.hpp"
