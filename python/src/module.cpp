// The one PYBIND11_MODULE of strideload: each area binds itself in bind_<area>.cpp.
#include <pybind11/pybind11.h>

#include <strideload/version.hpp>

namespace py = pybind11;

void bind_grf(py::module_& m);
void bind_io(py::module_& m);
void bind_waveform(py::module_& m);
void bind_accuracy(py::module_& m);
void bind_load(py::module_& m);
void bind_activity(py::module_& m);
void bind_recovery(py::module_& m);
void bind_banister(py::module_& m);
void bind_damage(py::module_& m);

PYBIND11_MODULE(_core, m) {
    m.doc() =
        "strideload C++ core: per-step ground reaction force models, force files, force "
        "signals, model accuracy, cumulative loading and recovery (SI units)";
    m.attr("__version__") = strideload::version;
    bind_grf(m);
    bind_io(m);
    bind_waveform(m);
    bind_accuracy(m);
    bind_load(m);
    bind_activity(m);
    bind_recovery(m);
    bind_banister(m);
    bind_damage(m);
}
