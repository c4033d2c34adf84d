// Bindings of strideload::io, the force-file readers. The table's samples reach Python without a
// copy: the ForceTable moves to the heap and numpy arrays view its column-major matrix and time
// vector, kept alive by a capsule that deletes the table with the last view. File-system
// failures become OSError (FileNotFoundError for a missing file); malformed contents are
// strideload::io::FileError, a strideload::Error, hence ValueError with `path:line:`.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <exception>
#include <filesystem>
#include <optional>
#include <strideload/io/force_table.hpp>
#include <string>
#include <system_error>
#include <utility>

namespace py = pybind11;
namespace sl = strideload;
namespace io = strideload::io;

namespace {

io::TimeUnit time_unit_from(const std::string& name) {
    if (name == "auto") return io::TimeUnit::automatic;
    if (name == "seconds") return io::TimeUnit::seconds;
    if (name == "milliseconds") return io::TimeUnit::milliseconds;
    if (name == "frames") return io::TimeUnit::frames;
    throw sl::Error("time_unit",
                    "'" + name + "' is not one of: auto, seconds, milliseconds, frames");
}

io::OnError on_error_from(const std::string& name) {
    if (name == "raise") return io::OnError::raise;
    if (name == "collect") return io::OnError::collect;
    throw sl::Error("on_error", "'" + name + "' is not one of: raise, collect");
}

char delimiter_from(const std::optional<std::string>& delimiter) {
    if (!delimiter) return 0;
    if (delimiter->size() != 1)
        throw sl::Error("delimiter", "'" + *delimiter +
                                         "' is not a single character (None = detect, ' ' = "
                                         "runs of spaces and tabs)");
    return (*delimiter)[0];
}

// OSError(errno, strerror, filename): Python turns it into the matching subclass
// (FileNotFoundError for ENOENT, IsADirectoryError, PermissionError, ...).
void raise_os_error(const std::filesystem::filesystem_error& e) {
    const std::error_code& code = e.code();
    if (code.category() == std::generic_category() || code.category() == std::system_category()) {
        const py::tuple args = py::make_tuple(code.value(), code.message(), e.path1().string());
        PyErr_SetObject(PyExc_OSError, args.ptr());
    } else {
        PyErr_SetString(PyExc_OSError, e.what());
    }
}

py::object column_name(const io::ForceTable& t, Eigen::Index index) {
    if (index < 0) return py::none();
    return py::str(t.column_names[static_cast<std::size_t>(index)]);
}

// The table as a dict of plain Python objects and two numpy arrays viewing the C++ buffers.
py::dict to_python(io::ForceTable&& table) {
    auto* owner = new io::ForceTable(std::move(table));
    const py::capsule keep(owner, [](void* p) { delete static_cast<io::ForceTable*>(p); });
    const io::ForceTable& t = *owner;
    const auto rows = static_cast<py::ssize_t>(t.data.rows());
    const auto cols = static_cast<py::ssize_t>(t.data.cols());
    constexpr auto item = static_cast<py::ssize_t>(sizeof(double));
    py::dict d;
    // Column-major (Fortran order): data[i, j] is sample i of column j.
    d["data"] = py::array(py::dtype::of<double>(), {rows, cols}, {item, item * rows},
                          owner->data.data(), keep);
    d["time_s"] = py::array(py::dtype::of<double>(), {rows}, {item}, owner->time_s.data(), keep);
    d["column_names"] = py::cast(t.column_names);
    d["rate_hz"] = t.rate_hz;
    d["source"] = t.source;
    d["time_column"] = t.time_column;
    py::list plates;
    for (const io::ForceTable::Plate& p : t.plates) {
        py::dict plate;
        plate["label"] = p.label;
        plate["vertical"] = column_name(t, p.vertical);
        plate["anterior_posterior"] = column_name(t, p.anterior_posterior);
        plate["medio_lateral"] = column_name(t, p.medio_lateral);
        plates.append(plate);
    }
    d["plates"] = plates;
    py::list problems;
    for (const io::RowProblem& p : t.problems) problems.append(py::make_tuple(p.line, p.reason));
    d["problems"] = problems;
    d["rows_read"] = t.rows_read;
    py::list metadata;
    for (const auto& [key, value] : t.metadata) metadata.append(py::make_tuple(key, value));
    d["metadata"] = metadata;
    return d;
}

}  // namespace

void bind_io(py::module_& m) {
    py::register_local_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const std::filesystem::filesystem_error& e) {
            raise_os_error(e);
        }
    });

    m.def(
        "read_force",
        [](const std::filesystem::path& path, const std::string& vertical_column,
           const std::string& anterior_posterior_column, const std::string& medio_lateral_column,
           const std::string& time_column, const std::string& time_unit,
           std::optional<double> rate_hz, const std::optional<std::string>& delimiter,
           const std::string& on_error, double time_tolerance, bool allow_nan_in_unused_columns) {
            io::ForceTableOptions o;
            o.vertical_column = vertical_column;
            o.anterior_posterior_column = anterior_posterior_column;
            o.medio_lateral_column = medio_lateral_column;
            o.time_column = time_column;
            o.time_unit = time_unit_from(time_unit);
            o.rate_hz = rate_hz;
            o.delimiter = delimiter_from(delimiter);
            o.on_error = on_error_from(on_error);
            o.time_tolerance = time_tolerance;
            o.allow_nan_in_unused_columns = allow_nan_in_unused_columns;
            io::ForceTable table;
            {
                // Only C++ objects are touched while reading: other Python threads may run.
                py::gil_scoped_release release;
                table = io::read_force(path, o);
            }
            return to_python(std::move(table));
        },
        py::arg("path"), py::arg("vertical_column"), py::arg("anterior_posterior_column"),
        py::arg("medio_lateral_column"), py::arg("time_column"), py::arg("time_unit"),
        py::arg("rate_hz"), py::arg("delimiter"), py::arg("on_error"), py::arg("time_tolerance"),
        py::arg("allow_nan_in_unused_columns"),
        "Reads a force file (internal; strideload.read_force is the public form).\n\n"
        "Parameters\n----------\npath : str or os.PathLike\n    The file; .mot/.sto (any case) "
        "are read as OpenSim storage files.\n"
        "vertical_column, anterior_posterior_column, medio_lateral_column : str\n"
        "    Force column names [N] as in the header; '' = none (for .mot/.sto: recognise\n"
        "    ground_force_* columns).\n"
        "time_column : str\n    Time column name; '' = recognise (time, t, frame, ...).\n"
        "time_unit : str\n    'auto', 'seconds', 'milliseconds' or 'frames'.\n"
        "rate_hz : float or None\n    Sample rate [Hz], 10 Hz - 1 MHz.\n"
        "delimiter : str or None\n    One character; None = detect, ' ' = whitespace.\n"
        "on_error : str\n    'raise' or 'collect' (malformed rows left out and listed).\n"
        "time_tolerance : float\n    Allowed time-step jitter as a fraction of the step, (0, "
        "0.5].\n"
        "allow_nan_in_unused_columns : bool\n    Accept empty/NaN/inf fields in columns that are "
        "neither time nor force.\n\n"
        "Returns\n-------\ndict\n"
        "    ``data`` (samples x columns float64, Fortran order, viewing the C++ table: no\n"
        "    copy), ``time_s`` [s] (a view too), ``column_names``, ``rate_hz`` [Hz], ``source``,\n"
        "    ``time_column``, ``plates`` (dicts of label and column names or None),\n"
        "    ``problems`` ((line, reason) tuples), ``rows_read``, ``metadata`` ((key, value)).\n\n"
        "Raises\n------\nFileNotFoundError, OSError\n    When the file cannot be opened or read.\n"
        "ValueError\n    For malformed contents ('path:line: reason') or bad options.");
}
