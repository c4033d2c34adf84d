/// @file
/// The per-step GRF models by name: the list with citations, and one entry point each for a
/// step, a batch and a waveform that dispatches to the model's own header. Names are the same
/// in C++, Python (`strideload.step_load(model=...)`) and the CLI (`strideload step --model`).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "strideload/grf/burns_hgrf.hpp"
#include "strideload/grf/clark2017.hpp"
#include "strideload/grf/constant_multiple.hpp"
#include "strideload/grf/grade.hpp"
#include "strideload/grf/impulse_balance.hpp"
#include "strideload/grf/morin2005.hpp"
#include "strideload/grf/spring_mass.hpp"

namespace strideload::grf {

/// The per-step models.
enum class Model {
    constant_multiple,
    impulse_balance,
    morin2005,
    spring_mass,
    clark2017,
    burns_hgrf
};

/// A model's name, source and what it needs.
struct ModelInfo {
    Model model;
    std::string_view name;      ///< e.g. "morin2005"
    std::string_view citation;  ///< authors, year, journal, equations
    std::string_view summary;   ///< one line: what it gives
    bool uses_speed_and_leg;    ///< needs speed and leg length
    bool horizontal;            ///< gives horizontal (braking/propulsive) forces
};

/// Every model, in the order the CLI and Python list them.
inline constexpr std::array<ModelInfo, 6> model_list{{
    {Model::constant_multiple, "constant_multiple",
     "Coaching rule of thumb; research range: Keller et al. 1996 Clin Biomech 11:253, Munro et "
     "al. 1987 J Biomech 20:147 (2.2-2.8 BW distance running, ~3 BW fast or downhill)",
     "peak = k x bodyweight (k = 3), per foot contact", false, false},
    {Model::impulse_balance, "impulse_balance",
     "Cavagna 1975 J Appl Physiol 39:174; Weyand et al. 2000 J Appl Physiol 89:1991",
     "mean contact force = m g (tc + tf) / tc (momentum balance)", false, false},
    {Model::morin2005, "morin2005",
     "Morin, Dalleau, Kyrolainen, Jeannin & Belli 2005 J Appl Biomech 21:167, Eqs 4-9",
     "sine-wave peak force, vertical and leg stiffness", true, false},
    {Model::spring_mass, "spring_mass",
     "Blickhan 1989 J Biomech 22:1217; McMahon & Cheng 1990 J Biomech 23(S1):65",
     "planar spring-mass (SLIP) stance solved for tc (speed = touchdown horizontal speed); "
     "vertical and horizontal GRF",
     true, true},
    {Model::clark2017, "clark2017", "Clark, Ryan & Weyand 2017 J Exp Biol 220:247 (two-mass model)",
     "impact + active raised-cosine pulses; impact and active peaks", false, false},
    {Model::burns_hgrf, "burns_hgrf",
     "Burns et al., geoffreyburns/Contact-Velocity-Estimation-in-Running (2019); Morin 2005",
     "horizontal GRF (braking/propulsive) from temporal measures", true, true},
}};

/// @brief All models with their citations.
inline std::span<const ModelInfo> models() { return model_list; }

/// @brief The entry of @p model (name, citation, what it needs and gives).
inline const ModelInfo& model_info(Model model) {
    return model_list[static_cast<std::size_t>(model)];
}

/// @brief The model called @p name.
/// @param name e.g. "morin2005"  @return the model
/// @throws Error (field `model`) listing the valid names when @p name is not one of them
inline Model model_from_name(std::string_view name) {
    std::string valid;
    for (const ModelInfo& m : model_list) {
        if (m.name == name) return m.model;
        valid += (valid.empty() ? "" : ", ") + std::string(m.name);
    }
    throw Error("model", "unknown model '" + std::string(name) + "'; one of: " + valid);
}

/// Options shared by the dispatching entry points.
struct ModelOptions {
    Acceleration gravity = standard_gravity();  ///< [m/s²] (scalar calls; batches carry their own)
    double bodyweight_multiple = default_bodyweight_multiple;  ///< constant_multiple's k [BW]
    Clark2017Params clark;         ///< clark2017's impact time t1 and velocity change Δv1
    bool adjust_for_grade = true;  ///< apply gottschall_kram_2005 when the stride has a grade
};

/// @brief One step's loads from @p model, adjusted for the stride's grade unless disabled.
/// @param model which model  @param athlete mass [kg], leg length [m]
/// @param stride speed [m/s], contact and flight time [s], grade  @param options see ModelOptions
inline StepLoad step_load(Model model, const Athlete& athlete, const Stride& stride,
                          const ModelOptions& options = {}) {
    const Acceleration g = options.gravity;
    StepLoad load;
    switch (model) {
        case Model::constant_multiple:
            load = constant_multiple(athlete, stride, options.bodyweight_multiple, g);
            break;
        case Model::impulse_balance:
            load = impulse_balance(athlete, stride, g);
            break;
        case Model::morin2005:
            load = morin2005(athlete, stride, g);
            break;
        case Model::spring_mass:
            load = spring_mass(athlete, stride, g);
            break;
        case Model::clark2017:
            load = clark2017(athlete, stride, options.clark, g);
            break;
        case Model::burns_hgrf:
            load = burns_hgrf(athlete, stride, g);
            break;
    }
    if (options.adjust_for_grade && stride.grade != 0.0)
        load = adjust_for_grade(load, stride.grade, athlete.bodyweight(g));
    return load;
}

/// @brief n steps' loads from @p model into caller-owned @p out (the fast path).
/// @param in SI views (gravity from `in.gravity_m_s2`)  @param out reused between calls
/// @param options k, Clark parameters, grade switch
/// @param grade rise over run per step, one value for all, or empty for level ground
inline void step_load_batch(Model model, const StepBatchInput& in, StepBatch& out,
                            const ModelOptions& options = {}, std::span<const double> grade = {}) {
    switch (model) {
        case Model::constant_multiple:
            constant_multiple_batch(in, out, options.bodyweight_multiple);
            break;
        case Model::impulse_balance:
            impulse_balance_batch(in, out);
            break;
        case Model::morin2005:
            morin2005_batch(in, out);
            break;
        case Model::spring_mass:
            spring_mass_batch(in, out);
            break;
        case Model::clark2017:
            clark2017_batch(in, out, options.clark);
            break;
        case Model::burns_hgrf:
            burns_hgrf_batch(in, out);
            break;
    }
    if (options.adjust_for_grade && !grade.empty()) adjust_for_grade(out, grade);
}

/// @brief Value-returning overload of step_load_batch.
inline StepBatch step_load_batch(Model model, const StepBatchInput& in,
                                 const ModelOptions& options = {},
                                 std::span<const double> grade = {}) {
    StepBatch out;
    step_load_batch(model, in, out, options, grade);
    return out;
}

/// @brief The model's force–time waveform over one contact at @p rate (level ground).
/// @param rate sample rate [Hz], 10 Hz – 1 MHz
/// @return times [s], vertical [N] and, for spring_mass and burns_hgrf, horizontal [N] GRF
inline Waveform waveform(Model model, const Athlete& athlete, const Stride& stride, Frequency rate,
                         const ModelOptions& options = {}) {
    const Acceleration g = options.gravity;
    switch (model) {
        case Model::constant_multiple:
            return constant_multiple_waveform(athlete, stride, rate, options.bodyweight_multiple,
                                              g);
        case Model::impulse_balance:
            return impulse_balance_waveform(athlete, stride, rate, g);
        case Model::morin2005:
            return morin2005_waveform(athlete, stride, rate, g);
        case Model::spring_mass:
            return spring_mass_waveform(athlete, stride, rate, g);
        case Model::clark2017:
            return clark2017_waveform(athlete, stride, rate, options.clark, g);
        case Model::burns_hgrf:
            return burns_hgrf_waveform(athlete, stride, rate, g);
    }
    throw Error("model", "unknown model");
}

}  // namespace strideload::grf
