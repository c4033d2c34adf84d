// Placeholder, filled in by the damage work.
#include <pybind11/pybind11.h>

namespace py = pybind11;

void bind_damage(py::module_& m) { (void)m; }
