/// @file
/// Recovery: has my body recovered, and how much can I load it today? One include for the area.
///
/// - fitness_fatigue.hpp: fitness, fatigue, form, ramp (performance-management chart), batch
///   over athletes × days, days until fresh.
/// - banister.hpp: Banister impulse–response model and its five-parameter fit, t_n and t_g.
/// - workload.hpp: ACWR (coupled, uncoupled, EWMA), monotony and strain, session-RPE, TRIMP.
/// - damage.hpp: Miner damage with first-order repair, stress-fracture probability (Edwards
///   et al. 2009 form).
/// - strength.hpp: the strength & conditioning risk multiplier (Lauersen et al. 2018).
/// - recovered.hpp: days until tissue damage is repaired.
/// - plan.hpp: today's load range for a form, ACWR or damage band, and a plan.
/// - uncertainty.hpp: bands from the per-step model error and parameter ranges.
#pragma once

#include "strideload/recovery/banister.hpp"
#include "strideload/recovery/damage.hpp"
#include "strideload/recovery/fitness_fatigue.hpp"
#include "strideload/recovery/plan.hpp"
#include "strideload/recovery/recovered.hpp"
#include "strideload/recovery/strength.hpp"
#include "strideload/recovery/uncertainty.hpp"
#include "strideload/recovery/workload.hpp"
