// Measured force -> stances -> per-stance loads -> every model against them.
#include <cstdio>
#include <strideload/io/force_table.hpp>
#include <strideload/strideload.hpp>

namespace sl = strideload;

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "tests/data/fukuchi2017/RBDS0041runT252forces.txt";
    sl::io::ForceTableOptions read;
    read.vertical_column = "Fy";  // the treadmill's vertical force [N]
    read.rate_hz = 300.0;         // its Time column counts frames
    const sl::io::ForceTable trial = sl::io::read_force(path, read);
    const Eigen::VectorXd vertical_N = trial.vertical_N();
    const std::span<const double> force_N = sl::grf::span_of(vertical_N);

    sl::waveform::MetricOptions options;
    options.mass = sl::kilograms(78.3);
    const auto stances = sl::waveform::detect_stances(force_N, trial.rate());  // 50 N threshold
    const sl::waveform::StanceTable steps =
        sl::waveform::stance_metrics(force_N, trial.rate(), stances, options);
    const sl::waveform::StanceSummary s =
        sl::waveform::summarize(steps, force_N, trial.rate(), options);
    std::printf("%ld steps, active peak %.2f BW, contact %.3f s, %.0f steps/min\n",
                static_cast<long>(s.stances), s.column("active_peak_bw").mean, s.contact_time_s,
                s.cadence_spm);

    const sl::Athlete runner = sl::Athlete::from_height(sl::kilograms(78.3), sl::meters(1.778));
    const sl::accuracy::Comparison c = sl::accuracy::compare_models(
        sl::accuracy::measured_steps(steps), runner, sl::meters_per_second(2.5));
    for (const sl::accuracy::ComparisonRow& r : c.rows)
        if (r.metric == "peak_vertical_force")
            std::printf("%-18s peak force bias %+.1f %% (95 %% LoA %+.1f to %+.1f %%)\n",
                        sl::grf::model_info(r.model).name.data(), r.agreement.bias_pct,
                        r.agreement.loa_low_pct, r.agreement.loa_high_pct);
}
