/// @file
/// The model-accuracy benchmark: agreement statistics (agreement.hpp) and every per-step model
/// against measured stances (compare_models.hpp).
#pragma once

#include "strideload/accuracy/agreement.hpp"
#include "strideload/accuracy/compare_models.hpp"
