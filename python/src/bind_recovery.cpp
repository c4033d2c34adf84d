// Placeholder, filled in by the recovery work.
#include <pybind11/pybind11.h>

namespace py = pybind11;

void bind_recovery(py::module_& m) { (void)m; }
