// Cumulative loading (strideload/load/cumulative.hpp): stress stimulus, cumulative weighted
// peak, Miner-equivalent cycles. numpy arrays are read in place; the GIL is held (the sums
// are fast, and an array cannot change under a call that holds it).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <strideload/load/cumulative.hpp>

#include "measured.hpp"

namespace py = pybind11;
namespace sl = strideload;

namespace {

using sl::python::Doubles;

std::span<const double> loads_of(const Doubles& x) {
    return sl::python::view(x, "loads", "1 (one load per cycle or per histogram bin)");
}

std::span<const double> counts_of(const std::optional<Doubles>& x) {
    return sl::python::view(x, "counts", "1 (one count per load)");
}

constexpr const char* loads_doc =
    "loads : numpy.ndarray\n    Loads, e.g. each step's peak vertical GRF [BW or N], finite, "
    ">= 0 (1-D, read in place when float64 and contiguous).\n"
    "counts : numpy.ndarray, optional\n    Cycles at each load (a histogram); one each when "
    "omitted.\n";

}  // namespace

void bind_load(py::module_& m) {
    m.def(
        "stress_stimulus",
        [](const Doubles& loads, const std::optional<Doubles>& counts, double m_exponent) {
            return sl::load::stress_stimulus(loads_of(loads), counts_of(counts), m_exponent);
        },
        py::arg("loads"), py::arg("counts") = py::none(), py::arg("m") = 4.0,
        (std::string("Daily stress stimulus psi = (sum n_i s_i^m)^(1/m) (Carter, Fyhrie & "
                     "Whalen 1987; Whalen, Carter & Steele 1988).\n\nParameters\n----------\n") +
         loads_doc +
         "m : float\n    Stress exponent, 1-20 (4 by default).\n\nReturns\n-------\nfloat\n    "
         "psi, in the unit of the loads.\n\nRaises\n------\nValueError\n    For a negative or "
         "non-finite load or count, or m out of range.")
            .c_str());
    m.def(
        "cumulative_weighted_peak",
        [](const Doubles& loads, double k, const std::optional<Doubles>& counts) {
            return sl::load::cumulative_weighted_peak(loads_of(loads), k, counts_of(counts));
        },
        py::arg("loads"), py::arg("k"), py::arg("counts") = py::none(),
        (std::string("Cumulative weighted peak force sum n_i F_i^k (Kiernan et al. 2018 J "
                     "Biomech 73:201).\n\nParameters\n----------\n") +
         loads_doc +
         "k : float\n    Weighting exponent, 1-20.\n\nReturns\n-------\nfloat\n    The sum, in "
         "the loads' unit to the power k.")
            .c_str());
    m.def(
        "equivalent_cycles",
        [](const Doubles& loads, double reference, double k, const std::optional<Doubles>& counts) {
            return sl::load::equivalent_cycles(loads_of(loads), reference, k, counts_of(counts));
        },
        py::arg("loads"), py::arg("reference"), py::arg("k"), py::arg("counts") = py::none(),
        (std::string("Miner-equivalent cycles at a reference load, N_eq = sum n_i (S_i / "
                     "S_ref)^k (Palmgren-Miner with a Basquin S-N curve; bone k ~ "
                     "6.6-7).\n\nParameters\n----------\n") +
         loads_doc +
         "reference : float\n    S_ref, same unit as the loads, > 0.\nk : float\n    S-N "
         "exponent, 1-20.\n\nReturns\n-------\nfloat\n    Cycles at the reference load doing "
         "the same fatigue damage.")
            .c_str());
}
