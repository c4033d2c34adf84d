// Placeholder, filled in by the banister work.
#include <pybind11/pybind11.h>

namespace py = pybind11;

void bind_banister(py::module_& m) { (void)m; }
