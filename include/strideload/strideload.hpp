/// @file
/// Umbrella header: one public header per area.
#pragma once

#include "strideload/athlete.hpp"
#include "strideload/error.hpp"
#include "strideload/grf/models.hpp"
#include "strideload/stride.hpp"
#include "strideload/units.hpp"
#include "strideload/version.hpp"
