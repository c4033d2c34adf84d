/// @file
/// PNG charts for the CLI, drawn with libgd (Debian libgd-dev): `strideload recovery --plot`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace strideload::cli {

/// What the recovery chart shows. Days [0, history_days) are history; the rest are the plan.
/// Every per-day vector is dates.size() long (NaN = nothing drawn that day) or empty.
struct RecoveryChart {
    std::string title;               ///< top line, e.g. "Recovery on 2019-02-10"
    std::vector<std::string> dates;  ///< "YYYY-MM-DD", one per day
    std::size_t history_days = 0;    ///< days of history; the later days are planned
    std::string load_label;          ///< e.g. "load [N_eq/100]"
    std::vector<double> load;        ///< daily load (bars; planned days in another colour)
    std::vector<double> fitness;     ///< line
    std::vector<double> fatigue;     ///< line
    std::vector<double> form;        ///< line (lower panel)
    std::vector<double> form_low;    ///< uncertainty band of form (lower panel), optional
    std::vector<double> form_high;   ///< uncertainty band of form, optional
    bool has_target_band = false;    ///< draw the target band on the form panel
    double target_low = 0;           ///< target band's low end (form units)
    double target_high = 0;          ///< target band's high end
};

/// @brief Draws the chart and writes it as PNG.
/// @param path output file (.png)  @param chart the data
/// @throws std::runtime_error when the file cannot be written, Error for inconsistent lengths
void write_recovery_chart(const std::string& path, const RecoveryChart& chart);

}  // namespace strideload::cli
