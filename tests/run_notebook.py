"""Execute a notebook top to bottom with nbclient (Debian's python3 kernel); fail on any error.

Usage: run_notebook.py NOTEBOOK.ipynb
"""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient


def main(path: str) -> int:
    nb = nbformat.read(path, as_version=4)
    # The kernel runs in the notebook's own directory, so relative data paths work from any
    # build directory.
    here = str(pathlib.Path(path).resolve().parent)
    NotebookClient(nb, timeout=240, kernel_name="python3",
                   resources={"metadata": {"path": here}}).execute()
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"{path}: {cells} code cells executed")
    print(f"{cells} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
