"""What the CLI test scripts share: running the binary, the one-line error check, and the
"N passed, M failed" runner (standard library only, no pytest)."""

import math
import subprocess
import sys
import traceback


class Cli:
    """The `strideload` binary under test."""

    def __init__(self, binary, timeout_s):
        self.binary = binary
        self.timeout_s = timeout_s

    def run(self, *args):
        """Runs the binary; returns (exit status, stdout, stderr)."""
        p = subprocess.run([self.binary, *args], capture_output=True, text=True,
                           timeout=self.timeout_s)
        return p.returncode, p.stdout, p.stderr

    def assert_error(self, args, *needles, status=2):
        """Asserts exit `status`, nothing on stdout and one stderr line containing every
        needle; returns that line."""
        code, out, err = self.run(*args)
        assert code == status, (code, out, err)
        assert out == "", out
        lines = err.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("strideload: error: "), lines[0]
        for needle in needles:
            assert needle in lines[0], (needle, lines[0])
        return lines[0]


def close(actual, expected, rel):
    """Asserts |actual - expected| <= rel * |expected|."""
    assert math.isclose(actual, expected, rel_tol=rel), (actual, expected, rel)


def run_tests(namespace):
    """Runs every `test_*` function of `namespace` (a module's globals()), reports every
    failure, prints "N passed, M failed"; returns the exit status."""
    tests = [(name, f) for name, f in namespace.items() if name.startswith("test_")]
    failed = 0
    for name, test in tests:
        try:
            test()
        except Exception:  # report every failure, not only the first
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc(file=sys.stdout)
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0
