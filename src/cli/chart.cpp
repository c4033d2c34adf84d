// The recovery chart (chart.hpp) drawn with libgd: a load/fitness/fatigue panel over a form
// panel, sharing one day axis. Every coordinate goes through px(), so no data value can overflow
// an int.
#include "chart.hpp"

#include <fmt/format.h>
#include <gd.h>
#include <gdfontmb.h>
#include <gdfonts.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

#include "strideload/error.hpp"

namespace strideload::cli {

namespace {

// Layout [px]. The legends sit right of the plot area so that they never hide data.
constexpr int image_width = 1000, image_height = 640;
constexpr int plot_left = 95, plot_right = 870, legend_left = 882;
constexpr int upper_top = 40, upper_bottom = 395, lower_top = 415, lower_bottom = 590;
constexpr int font_w = 6, font_h = 13;  // gdFontSmall

const int black = gdTrueColor(0, 0, 0), axis_grey = gdTrueColor(90, 90, 90);
const int grid_grey = gdTrueColor(232, 232, 232), bar_grey = gdTrueColor(165, 165, 165);
const int plan_blue = gdTrueColor(150, 195, 240), fitness_blue = gdTrueColor(20, 80, 200);
const int fatigue_red = gdTrueColor(230, 85, 20), band_grey = gdTrueColor(210, 210, 210);
const int target_green = gdTrueColorAlpha(40, 170, 60, 95);  // alpha 95 of 127: translucent

/// A coordinate [px] rounded; NaN and huge values are pushed off the image, not converted.
int px(double v) {
    return std::isnan(v) ? -10000 : static_cast<int>(std::lround(std::clamp(v, -1e4, 1e4)));
}

/// libgd takes text as unsigned char* but does not modify it.
unsigned char* gd_text(const std::string& s) {
    return reinterpret_cast<unsigned char*>(const_cast<char*>(s.c_str()));
}

/// A vertical value axis: the shown range [lo, hi] and its tick values.
struct Axis {
    double lo = 0, hi = 1;
    std::vector<double> ticks;
    int top = 0, bottom = 0;  ///< panel extent [px]
    double y(double v) const { return bottom - (v - lo) / (hi - lo) * (bottom - top); }
};

/// Extends [lo, hi] to round steps of 1, 2, 2.5 or 5 × 10^k: the smallest such step that gives
/// at most 6 ticks, which also gives at least 4 since neighbouring steps differ by ≤ 2.5×.
Axis nice_axis(double lo, double hi, int top, int bottom) {
    if (!(lo < hi)) {  // one value (or none): show it in the middle
        const double pad = lo == 0 ? 1 : std::abs(lo) * 0.5;
        lo -= pad;
        hi += pad;
    }
    Axis axis{lo, hi, {}, top, bottom};
    const double span = hi - lo;
    if (!std::isfinite(span)) return axis;  // beyond double range: no ticks rather than UB
    const double decade = std::pow(10.0, std::floor(std::log10(span / 6)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0, 20.0}) {
        const double step = m * decade, first = std::floor(lo / step), last = std::ceil(hi / step);
        if (last - first > 5) continue;
        axis.lo = first * step;
        axis.hi = last * step;
        for (double k = first; k <= last; ++k)
            axis.ticks.push_back(std::abs(k) < 0.5 ? 0.0 : k * step);  // no "-0"
        break;
    }
    return axis;
}

/// The finite range of all values in @p series (plus @p extra); {+inf, -inf} when none.
std::pair<double, double> range(std::initializer_list<const std::vector<double>*> series,
                                std::initializer_list<double> extra) {
    double lo = INFINITY, hi = -INFINITY;
    auto add = [&](double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    };
    for (const auto* s : series)
        for (const double v : *s) add(v);
    for (const double v : extra) add(v);
    return {lo, hi};
}

/// Day centres [px]: day i occupies [x(i) - w/2, x(i) + w/2) with w = plot width / days.
struct Days {
    std::size_t n;
    double width() const { return double(plot_right - plot_left) / double(n); }
    double x(std::size_t i) const { return plot_left + (double(i) + 0.5) * width(); }
};

/// Daily bars from 0; below 3 px per day, 1-px lines (a 3-year history is ~0.7 px per day).
void draw_bars(gdImagePtr im, const Days& days, const Axis& axis, const std::vector<double>& load,
               std::size_t history_days) {
    const double half = days.width() * 0.4;
    for (std::size_t i = 0; i < load.size(); ++i) {
        if (!std::isfinite(load[i])) continue;
        const int colour = i < history_days ? bar_grey : plan_blue;
        const int y0 = px(axis.y(0)), y1 = px(axis.y(load[i]));
        if (days.width() < 3)
            gdImageLine(im, px(days.x(i)), y0, px(days.x(i)), y1, colour);
        else
            gdImageFilledRectangle(im, px(days.x(i) - half), std::min(y0, y1),
                                   px(days.x(i) + half) - 1, std::max(y0, y1), colour);
    }
}

/// A 2-px antialiased segment: libgd antialiases 1-px lines only, so two of them side by side.
void thick_line(gdImagePtr im, int x0, int y0, int x1, int y1, int colour) {
    gdImageSetAntiAliased(im, colour);
    const bool flat = std::abs(x1 - x0) >= std::abs(y1 - y0);
    gdImageLine(im, x0, y0, x1, y1, gdAntiAliased);
    gdImageLine(im, x0 + !flat, y0 + flat, x1 + !flat, y1 + flat, gdAntiAliased);
}

/// A 2-px polyline broken at NaN; a day with no finite neighbour becomes a dot.
void draw_line(gdImagePtr im, const Days& days, const Axis& axis, const std::vector<double>& v,
               int colour) {
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!std::isfinite(v[i])) continue;
        const int x = px(days.x(i)), y = px(axis.y(v[i]));
        if (i + 1 < v.size() && std::isfinite(v[i + 1]))
            thick_line(im, x, y, px(days.x(i + 1)), px(axis.y(v[i + 1])), colour);
        else if (i == 0 || !std::isfinite(v[i - 1]))
            gdImageFilledRectangle(im, x - 1, y - 1, x + 1, y + 1, colour);
    }
}

/// The band low..high as one filled polygon per run of days where both ends are finite.
void draw_band(gdImagePtr im, const Days& days, const Axis& axis, const std::vector<double>& low,
               const std::vector<double>& high) {
    std::vector<gdPoint> polygon;
    for (std::size_t i = 0; i <= low.size(); ++i) {
        if (i < low.size() && std::isfinite(low[i]) && std::isfinite(high[i])) continue;
        std::size_t begin = i;
        while (begin > 0 && std::isfinite(low[begin - 1]) && std::isfinite(high[begin - 1]))
            --begin;
        if (begin == i) continue;
        polygon.clear();
        for (std::size_t j = begin; j < i; ++j)
            polygon.push_back({px(days.x(j)), px(axis.y(low[j]))});
        for (std::size_t j = i; j-- > begin;)
            polygon.push_back({px(days.x(j)), px(axis.y(high[j]))});
        if (polygon.size() == 2)  // a single day: a short vertical bar
            gdImageFilledRectangle(im, polygon[0].x - 1, polygon[1].y, polygon[0].x + 1,
                                   polygon[0].y, band_grey);
        else
            gdImageFilledPolygon(im, polygon.data(), static_cast<int>(polygon.size()), band_grey);
    }
}

/// Frame, horizontal grid, tick labels and the rotated axis label of one panel.
void draw_y_axis(gdImagePtr im, const Axis& axis, const std::string& label) {
    int widest = 0;
    for (const double t : axis.ticks) {
        const int y = px(axis.y(t));
        gdImageLine(im, plot_left, y, plot_right, y, grid_grey);
        gdImageLine(im, plot_left - 4, y, plot_left, y, axis_grey);
        const std::string text = fmt::format("{:g}", t);
        widest = std::max(widest, font_w * int(text.size()));
        gdImageString(im, gdFontGetSmall(), plot_left - 6 - font_w * int(text.size()),
                      y - font_h / 2, gd_text(text), black);
    }
    // Next to the widest tick label; from the top down when the label is taller than the panel.
    const int label_x = std::max(2, plot_left - 10 - widest - font_h);
    const int label_y =
        std::min(axis.bottom, (axis.top + axis.bottom + font_w * int(label.size())) / 2);
    gdImageStringUp(im, gdFontGetSmall(), label_x, label_y, gd_text(label), black);
}

/// A legend entry: a swatch of @p colour (a line when @p line, else a block) and its name.
struct Entry {
    const char* name;
    int colour;
    bool line;
};

void draw_legend(gdImagePtr im, int top, const std::vector<Entry>& entries) {
    int y = top;
    for (const Entry& e : entries) {
        if (e.line)
            gdImageFilledRectangle(im, legend_left, y + 6, legend_left + 14, y + 7, e.colour);
        else
            gdImageFilledRectangle(im, legend_left, y + 2, legend_left + 14, y + 11, e.colour);
        gdImageString(im, gdFontGetSmall(), legend_left + 20, y, gd_text(e.name), black);
        y += font_h + 4;
    }
}

/// Up to 7 evenly spaced date labels ("MM-DD" within one year) with ticks on both panels.
void draw_x_axis(gdImagePtr im, const Days& days, const std::vector<std::string>& dates) {
    const bool one_year = dates.front().substr(0, 4) == dates.back().substr(0, 4);
    const std::size_t labels = std::min<std::size_t>(dates.size(), 7);
    for (std::size_t k = 0; k < labels; ++k) {
        const std::size_t i = labels == 1 ? 0 : k * (dates.size() - 1) / (labels - 1);
        const int x = px(days.x(i));
        gdImageLine(im, x, upper_bottom, x, upper_bottom + 4, axis_grey);
        gdImageLine(im, x, lower_bottom, x, lower_bottom + 4, axis_grey);
        const std::string text = one_year && dates[i].size() > 5 ? dates[i].substr(5) : dates[i];
        const int left = std::clamp(x - font_w * int(text.size()) / 2, 0,
                                    image_width - font_w * int(text.size()));
        gdImageString(im, gdFontGetSmall(), left, lower_bottom + 7, gd_text(text), black);
    }
}

/// Throws Error unless @p v is empty or one value per day.
void require_per_day(const char* field, const std::vector<double>& v, std::size_t days) {
    if (!v.empty() && v.size() != days)
        throw Error(field, double(v.size()), fmt::format("0 or {} values (one per date)", days));
}

void validate(const RecoveryChart& c) {
    const std::size_t n = c.dates.size();
    if (n == 0) throw Error("dates", 0, "at least one date");
    if (c.history_days > n) throw Error("history_days", double(c.history_days), "<= dates");
    require_per_day("load", c.load, n);
    require_per_day("fitness", c.fitness, n);
    require_per_day("fatigue", c.fatigue, n);
    require_per_day("form", c.form, n);
    require_per_day("form_low", c.form_low, n);
    require_per_day("form_high", c.form_high, n);
    if (c.form_low.empty() != c.form_high.empty())
        throw Error(c.form_low.empty() ? "form_low" : "form_high", "give both ends of the band");
    if (c.has_target_band) {
        constexpr double max = std::numeric_limits<double>::max();
        detail::require_in("target_low", c.target_low, -max, max, "");
        detail::require_in("target_high", c.target_high, c.target_low, max, "(>= target_low)");
    }
}

}  // namespace

void write_recovery_chart(const std::string& path, const RecoveryChart& chart) {
    validate(chart);
    const std::unique_ptr<gdImage, decltype(&gdImageDestroy)> owner(
        gdImageCreateTrueColor(image_width, image_height), &gdImageDestroy);
    if (!owner) throw std::runtime_error("cannot allocate the chart image");
    gdImagePtr im = owner.get();
    gdImageFilledRectangle(im, 0, 0, image_width - 1, image_height - 1, gdTrueColor(255, 255, 255));
    const Days days{chart.dates.size()};

    gdFontPtr title_font = gdFontGetMediumBold();
    gdImageString(im, title_font, (image_width - title_font->w * int(chart.title.size())) / 2, 10,
                  gd_text(chart.title), black);

    // Upper panel: bars start at 0, so 0 is always in range.
    auto [up_lo, up_hi] = range({&chart.load, &chart.fitness, &chart.fatigue}, {0.0});
    const Axis upper = nice_axis(up_lo, up_hi, upper_top, upper_bottom);
    draw_y_axis(im, upper, chart.load_label);
    gdImageSetClip(im, plot_left, upper_top, plot_right, upper_bottom);
    draw_bars(im, days, upper, chart.load, chart.history_days);
    draw_line(im, days, upper, chart.fatigue, fatigue_red);
    draw_line(im, days, upper, chart.fitness, fitness_blue);
    std::vector<Entry> upper_legend;
    if (!chart.load.empty()) upper_legend.push_back({"load", bar_grey, false});
    if (!chart.load.empty() && chart.history_days < days.n)
        upper_legend.push_back({"planned load", plan_blue, false});
    if (!chart.fitness.empty()) upper_legend.push_back({"fitness", fitness_blue, true});
    if (!chart.fatigue.empty()) upper_legend.push_back({"fatigue", fatigue_red, true});

    // Lower panel: form around its zero line, with the band and the target drawn underneath.
    auto [low_lo, low_hi] = range({&chart.form, &chart.form_low, &chart.form_high}, {0.0});
    if (chart.has_target_band)
        low_lo = std::min(low_lo, chart.target_low), low_hi = std::max(low_hi, chart.target_high);
    const Axis lower = nice_axis(low_lo, low_hi, lower_top, lower_bottom);
    gdImageSetClip(im, 0, 0, image_width - 1, image_height - 1);
    draw_y_axis(im, lower, "form");
    gdImageSetClip(im, plot_left, lower_top, plot_right, lower_bottom);
    std::vector<Entry> lower_legend;
    if (!chart.form.empty()) lower_legend.push_back({"form", black, true});
    if (!chart.form_low.empty()) draw_band(im, days, lower, chart.form_low, chart.form_high);
    if (chart.has_target_band) {
        gdImageFilledRectangle(im, plot_left, px(lower.y(chart.target_high)), plot_right,
                               px(lower.y(chart.target_low)), target_green);
        lower_legend.push_back({"target band", target_green, false});
    }
    if (!chart.form_low.empty()) lower_legend.push_back({"uncertainty", band_grey, false});
    gdImageLine(im, plot_left, px(lower.y(0)), plot_right, px(lower.y(0)), axis_grey);
    draw_line(im, days, lower, chart.form, black);

    // "Today": a dashed line on both panels between the last history day and the first plan day.
    gdImageSetClip(im, 0, 0, image_width - 1, image_height - 1);
    if (chart.history_days > 0 && chart.history_days < days.n) {
        const int x = px(plot_left + double(chart.history_days) * days.width());
        int dash[8] = {black,         black,         black,         black,
                       gdTransparent, gdTransparent, gdTransparent, gdTransparent};
        gdImageSetStyle(im, dash, 8);
        gdImageLine(im, x, upper_top, x, upper_bottom, gdStyled);
        gdImageLine(im, x, lower_top, x, lower_bottom, gdStyled);
        const int text_x = x + 3 + 5 * font_w <= plot_right ? x + 3 : x - 2 - 5 * font_w;
        gdImageString(im, gdFontGetSmall(), text_x, upper_top + 2, gd_text("today"), black);
    }
    gdImageRectangle(im, plot_left, upper_top, plot_right, upper_bottom, axis_grey);
    gdImageRectangle(im, plot_left, lower_top, plot_right, lower_bottom, axis_grey);
    draw_x_axis(im, days, chart.dates);
    draw_legend(im, upper_top, upper_legend);
    draw_legend(im, lower_top, lower_legend);

    const std::unique_ptr<FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "wb"),
                                                             &std::fclose);
    if (!file)
        throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    gdImagePngEx(im, file.get(), 6);
    if (std::ferror(file.get()) || std::fflush(file.get()) != 0)
        throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
}

}  // namespace strideload::cli
