/// @file
/// The model-accuracy benchmark: run every per-step GRF model on each measured stance's own
/// contact and flight time (plus the runner's mass, leg length and speed) and compare model
/// with measurement step by step — Bland–Altman bias, SD and 95 % limits of agreement, MAPE,
/// R² (agreement.hpp) — for peak vertical force, vertical impulse, loading rate and, for the
/// models that give it, peak braking and propulsive force.
///
/// Conventions. The model's loading rate is the VALR of its own waveform sampled at the
/// measurement's rate, measured by waveform::measure_stance with the same definitions as the
/// measured stances (so a waveform without an impact peak uses the 13 %-of-stance landmark);
/// impulse_balance's square pulse has no loading rate. A step a model cannot take (spring_mass
/// finding no solution, say) is NaN in the predictions, counted in `n_failed` and left out of
/// the statistics, whose `n` says how many steps they cover.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "strideload/accuracy/agreement.hpp"
#include "strideload/athlete.hpp"
#include "strideload/grf/models.hpp"
#include "strideload/units.hpp"
#include "strideload/waveform/metrics.hpp"

namespace strideload::accuracy {

/// Measured per-step values, one entry per stance, SI units. Optional spans may be empty; every
/// non-empty span has the same length. NaN entries are allowed (that step is skipped for that
/// metric, or for every model when its contact or flight time is NaN).
struct MeasuredSteps {
    std::span<const double> contact_time_s;         ///< [s], required
    std::span<const double> flight_time_s;          ///< [s], required (NaN for a last stance)
    std::span<const double> peak_vertical_force_N;  ///< active peak [N], required (the largest
                                                    ///< peak, except when an impact peak is
                                                    ///< higher: then compare that yourself)
    std::span<const double> vertical_impulse_Ns;    ///< [N·s], optional
    std::span<const double> loading_rate_bw_per_s;  ///< VALR [BW/s], optional
    std::span<const double> braking_peak_N;         ///< magnitude [N], optional
    std::span<const double> propulsive_peak_N;      ///< [N], optional
};

/// @brief The measured steps of a stance table (every column it has).
inline MeasuredSteps measured_steps(const waveform::StanceTable& t) {
    auto s = [](const Eigen::VectorXd& v) {
        return std::span<const double>(v.data(), static_cast<std::size_t>(v.size()));
    };
    return {s(t.contact_time_s),      s(t.flight_time_s), s(t.active_peak_N),
            s(t.vertical_impulse_Ns), s(t.valr_bw_per_s), s(t.braking_peak_N),
            s(t.propulsive_peak_N)};
}

/// What to compare and how.
struct CompareOptions {
    std::vector<grf::Model> models;           ///< models to run; empty = every model
    grf::ModelOptions model_options;          ///< k, Clark parameters, gravity
    double loa_z = 1.96;                      ///< limits-of-agreement multiplier
    Frequency waveform_rate = hertz(1000.0);  ///< rate of the model waveforms (loading rate) [Hz]
    bool loading_rate = true;  ///< compare loading rates (one waveform per step and model)
    /// How the model waveforms are measured: pass the MetricOptions the measured table was
    /// made with (gravity, loading-rate window and landmark), so that both sides use the same
    /// definitions. Its mass is replaced by the athlete's.
    waveform::MetricOptions metric_options;
};

/// One model's per-step predictions.
struct ModelSteps {
    grf::Model model = grf::Model::morin2005;
    grf::StepBatch steps;                   ///< every column the model gives; NaN rows = failed
    Eigen::VectorXd loading_rate_bw_per_s;  ///< VALR of the model waveform [BW/s] (or empty)
    std::size_t n_failed = 0;               ///< steps the model refused (NaN rows)
    std::size_t n_failed_loading_rate = 0;  ///< steps whose waveform could not be measured
    std::string first_error;                ///< the first refusal's message, for the report
};

/// One row of the accuracy table: a model, a metric, and its agreement with the measurement.
struct ComparisonRow {
    grf::Model model = grf::Model::morin2005;
    std::string metric;  ///< peak_vertical_force, vertical_impulse, loading_rate,
                         ///< peak_braking_force or peak_propulsive_force
    std::string unit;    ///< unit of the absolute statistics: N, N·s or BW/s
    Agreement agreement;
};

/// The benchmark's answer: the table, and the per-step predictions behind it (for plots).
struct Comparison {
    std::vector<ComparisonRow> rows;
    std::vector<ModelSteps> predictions;
};

namespace detail {

inline std::span<const double> span(const Eigen::VectorXd& v) {
    return {v.data(), static_cast<std::size_t>(v.size())};
}

/// @brief Runs @p model over all steps; on a refusal, step by step so one bad step is one NaN
/// row, not a lost model.
inline void predict_steps(grf::Model model, const grf::StepBatchInput& in,
                          const grf::ModelOptions& options, ModelSteps& out) {
    try {
        grf::step_load_batch(model, in, out.steps, options);
        return;
    } catch (const Error& e) {
        out.first_error = e.what();
    }
    const std::size_t n = in.size();
    out.steps = grf::StepBatch{};
    grf::StepBatch one;
    for (std::size_t i = 0; i < n; ++i) {
        const grf::StepBatchInput step{
            in.mass_kg.subspan(i, 1),        in.speed_m_s.subspan(i, 1),
            in.contact_time_s.subspan(i, 1), in.flight_time_s.subspan(i, 1),
            in.leg_length_m.subspan(i, 1),   in.gravity_m_s2};
        try {
            grf::step_load_batch(model, step, one, options);
        } catch (const Error&) {
            ++out.n_failed;
            continue;
        }
        // A column appears with the first step that has it; earlier rows stay NaN.
        for (Eigen::VectorXd grf::StepBatch::*col : grf::detail::all_columns) {
            if ((one.*col).size() == 0) continue;
            Eigen::VectorXd& dst = out.steps.*col;
            if (dst.size() == 0) dst = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(n), NAN);
            dst[static_cast<Eigen::Index>(i)] = (one.*col)[0];
        }
    }
}

}  // namespace detail

/// @brief Runs each model on each measured step and compares model with measurement.
/// @param measured per-step measured values (MeasuredSteps; `measured_steps(table)` from a
///        waveform::StanceTable)
/// @param athlete mass [kg] and leg length [m]  @param speed running speed [m/s] (treadmill
///        belt speed, or the mean speed over the trial)
/// @param options models, model options, LoA multiplier, waveform rate
/// @return the agreement table (one row per model and metric the model gives) and the
///         per-step predictions
/// @throws Error when the measured spans differ in length, the speed is outside [0.5, 15] m/s,
///         loa_z outside (0, 10], the waveform rate outside [100 Hz, 1 MHz] (when loading
///         rates are compared), no step has finite contact and flight times, or no model
///         could take any step (the message quotes the first refusal)
inline Comparison compare_models(const MeasuredSteps& measured, const Athlete& athlete, Speed speed,
                                 const CompareOptions& options = {}) {
    const std::size_t n = measured.contact_time_s.size();
    auto same_length = [n](std::span<const double> s, const char* name, bool optional) {
        if (s.size() != n && !(optional && s.empty()))
            throw Error(name, static_cast<double>(s.size()),
                        "the same length as contact_time_s (" + std::to_string(n) + ")");
    };
    same_length(measured.flight_time_s, "flight_time_s", false);
    same_length(measured.peak_vertical_force_N, "peak_vertical_force_N", false);
    same_length(measured.vertical_impulse_Ns, "vertical_impulse_Ns", true);
    same_length(measured.loading_rate_bw_per_s, "loading_rate_bw_per_s", true);
    same_length(measured.braking_peak_N, "braking_peak_N", true);
    same_length(measured.propulsive_peak_N, "propulsive_peak_N", true);
    strideload::detail::require_in("speed_m_s", speed.value(), 0.5, 15.0, "m/s");
    strideload::detail::require_in("loa_z", options.loa_z, 1e-9, 10.0, "");
    if (options.loading_rate)
        strideload::detail::require_in("waveform_rate_hz", options.waveform_rate.value(), 100.0,
                                       1e6, "Hz");
    // A measured column with no finite value (no AP force, say) is not compared.
    auto any_finite = [](std::span<const double> col) {
        for (double v : col)
            if (std::isfinite(v)) return true;
        return false;
    };

    // The steps the models can be given: finite contact and flight time (a trial's last
    // stance has no flight time). `index` maps them back to measured rows.
    std::vector<Eigen::Index> index;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(measured.contact_time_s[i]) && std::isfinite(measured.flight_time_s[i]))
            index.push_back(static_cast<Eigen::Index>(i));
    if (index.empty())
        throw Error("contact_time_s", "no step has a finite contact and flight time to model");
    const auto m = static_cast<Eigen::Index>(index.size());
    Eigen::VectorXd mass(m), v(m), tc(m), tf(m), leg(m);
    for (Eigen::Index k = 0; k < m; ++k) {
        const auto i = static_cast<std::size_t>(index[static_cast<std::size_t>(k)]);
        mass[k] = athlete.mass.value();
        v[k] = speed.value();
        tc[k] = measured.contact_time_s[i];
        tf[k] = measured.flight_time_s[i];
        leg[k] = athlete.leg_length.value();
    }
    const double g = options.model_options.gravity.value();
    const grf::StepBatchInput in{grf::span_of(mass), grf::span_of(v),   grf::span_of(tc),
                                 grf::span_of(tf),   grf::span_of(leg), g};
    auto gather = [&](std::span<const double> col) {
        Eigen::VectorXd out(m);
        for (Eigen::Index k = 0; k < m; ++k)
            out[k] = col[static_cast<std::size_t>(index[static_cast<std::size_t>(k)])];
        return out;
    };

    std::vector<grf::Model> which = options.models;
    if (which.empty())
        for (const grf::ModelInfo& info : grf::models()) which.push_back(info.model);

    Comparison result;
    for (grf::Model model : which) {
        ModelSteps pred;
        pred.model = model;
        detail::predict_steps(model, in, options.model_options, pred);
        const grf::StepBatch& s = pred.steps;
        auto add = [&](const char* metric, const char* unit, const Eigen::VectorXd& model_col,
                       std::span<const double> measured_col) {
            if (model_col.size() == 0 || !any_finite(measured_col)) return;
            const Eigen::VectorXd meas = gather(measured_col);
            result.rows.push_back(
                {model, metric, unit,
                 agreement(detail::span(model_col), detail::span(meas), options.loa_z)});
        };
        add("peak_vertical_force", "N", s.peak_vertical_force_N, measured.peak_vertical_force_N);
        add("vertical_impulse", "N·s", s.vertical_impulse_Ns, measured.vertical_impulse_Ns);
        // A model that refused every step has no columns: it is reported, not compared.
        if (options.loading_rate && !measured.loading_rate_bw_per_s.empty() &&
            model != grf::Model::impulse_balance && s.peak_vertical_force_N.size() == m) {
            pred.loading_rate_bw_per_s = Eigen::VectorXd::Constant(m, NAN);
            // The measured table's definitions, on this athlete's bodyweight.
            waveform::MetricOptions metric_options = options.metric_options;
            metric_options.mass = athlete.mass;
            for (Eigen::Index k = 0; k < m; ++k) {
                if (!std::isfinite(s.peak_vertical_force_N[k])) continue;
                // A step the model took but whose waveform it cannot draw is a missing value,
                // counted like a refusal, never a lost comparison.
                try {
                    const Stride stride = Stride::make(speed, seconds(tc[k]), seconds(tf[k]));
                    const grf::Waveform w = grf::waveform(
                        model, athlete, stride, options.waveform_rate, options.model_options);
                    pred.loading_rate_bw_per_s[k] =
                        waveform::measure_stance(detail::span(w.vertical_N), {},
                                                 options.waveform_rate, metric_options)
                            .valr_bw_per_s;
                } catch (const Error& e) {
                    ++pred.n_failed_loading_rate;
                    if (pred.first_error.empty()) pred.first_error = e.what();
                }
            }
            add("loading_rate", "BW/s", pred.loading_rate_bw_per_s, measured.loading_rate_bw_per_s);
        }
        add("peak_braking_force", "N", s.peak_braking_force_N, measured.braking_peak_N);
        add("peak_propulsive_force", "N", s.peak_propulsive_force_N, measured.propulsive_peak_N);
        result.predictions.push_back(std::move(pred));
    }
    if (result.rows.empty()) {
        std::string first;
        for (const ModelSteps& p : result.predictions)
            if (!p.first_error.empty()) {
                first = p.first_error;
                break;
            }
        throw Error("models", "no model could take any of the " + std::to_string(m) + " steps" +
                                  (first.empty() ? "" : " (first: " + first + ")"));
    }
    return result;
}

}  // namespace strideload::accuracy
