"""What the docstring tests share: the parameter names a numpy-style docstring documents."""

import inspect
import re


def documented(doc: str) -> set:
    """Parameter names in the numpy-style Parameters section of a docstring."""
    section = re.search(r"^Parameters\n-+\n(.*?)(?:\n\n[A-Z]\w+\n-+\n|\Z)",
                        inspect.cleandoc(doc), re.S | re.M)
    assert section, doc
    names = set()
    for line in section.group(1).splitlines():
        if line and not line[0].isspace():
            names |= {n.strip().lstrip("*") for n in line.split(" : ")[0].split(",")}
    return names
