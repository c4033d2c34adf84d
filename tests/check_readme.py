"""Check that README.md shows the examples the tests run (examples/readme_example.{cpp,py},
examples/force_example.{cpp,py}, examples/weekly_load_example.{cpp,py},
examples/recovery_example.{cpp,py}) verbatim, so the examples the tests run are the ones users
read.

Usage: check_readme.py PROJECT_DIR
"""
import pathlib
import re
import sys


def blocks(text: str, lang: str):
    return [m.group(1) for m in re.finditer(rf"```{lang}\n(.*?)```", text, re.S)]


def main(root: pathlib.Path) -> int:
    readme = (root / "README.md").read_text()
    failed = 0
    examples = (("cpp", "examples/readme_example.cpp"), ("python", "examples/readme_example.py"),
                                ("cpp", "examples/force_example.cpp"), ("python", "examples/force_example.py"),
                ("cpp", "examples/weekly_load_example.cpp"),
                ("python", "examples/weekly_load_example.py"),
                ("cpp", "examples/recovery_example.cpp"), ("python", "examples/recovery_example.py"))
    for lang, path in examples:
        if (root / path).read_text() not in blocks(readme, lang):
            print(f"README.md does not show {path} verbatim in a ```{lang} block")
            failed += 1
    print(f"{len(examples) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
