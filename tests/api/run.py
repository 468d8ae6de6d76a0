#!/usr/bin/env python3
"""Run the API tests against the real server.

    python3 tests/api/run.py BUILD_DIR/laoxiao [-k PATTERN] [-v]

Each test module gets its own server over a fresh database (some tests start
more). The last line printed is always `N passed, M failed`; the exit status
is non-zero if anything failed.

Environment: LAOXIAO_START_TIMEOUT (seconds to wait for the port, default
10), LAOXIAO_REQUEST_TIMEOUT (seconds per request, default 15),
LAOXIAO_KEEP_TMP=1 (keep the temp dirs with the database and logs).
"""

import argparse
import glob
import importlib
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

import harness  # noqa: E402


class Result(unittest.TestResult):
    def __init__(self, verbose):
        super().__init__()
        self.verbose = verbose
        self.passed = []
        self.failed = {}  # test id -> [text]
        self.fixture_failures = []
        self._t0 = 0.0

    def startTest(self, test):
        super().startTest(test)
        self._t0 = time.monotonic()

    def _fail(self, test, err):
        text = self._exc_info_to_string(err, test)
        if isinstance(test, unittest.case._SubTest):
            test = test.test_case
        if not hasattr(test, "id") or isinstance(test, unittest.suite._ErrorHolder):
            self.fixture_failures.append((str(test), text))
            print("FAIL %s" % test, flush=True)
            return
        self.failed.setdefault(test.id(), []).append(text)

    def addError(self, test, err):
        self._fail(test, err)

    def addFailure(self, test, err):
        self._fail(test, err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            self._fail(subtest, err)

    def addSkip(self, test, reason):
        self.failed.setdefault(test.id(), []).append("skipped: %s" % reason)

    def stopTest(self, test):
        super().stopTest(test)
        dt = time.monotonic() - self._t0
        if test.id() in self.failed:
            print("FAIL %s (%.2fs)" % (test.id(), dt), flush=True)
        else:
            self.passed.append(test.id())
            if self.verbose:
                print("ok   %s (%.2fs)" % (test.id(), dt), flush=True)


def load(pattern):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for path in sorted(glob.glob(os.path.join(HERE, "test_*.py"))):
        mod = importlib.import_module(os.path.splitext(os.path.basename(path))[0])
        suite.addTests(loader.loadTestsFromModule(mod))
    if pattern:
        def keep(s):
            out = unittest.TestSuite()
            for t in s:
                if isinstance(t, unittest.TestSuite):
                    out.addTests(keep(t))
                elif pattern in t.id():
                    out.addTest(t)
            return out
        suite = keep(suite)
    return suite


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("binary", help="path to the laoxiao executable")
    ap.add_argument("-k", dest="pattern", help="run only tests whose id contains this")
    ap.add_argument("-v", dest="verbose", action="store_true", help="print every test")
    args = ap.parse_args()

    suite = load(args.pattern)
    total = suite.countTestCases()
    harness.configure(args.binary)
    if not (os.path.isfile(harness.BINARY) and os.access(harness.BINARY, os.X_OK)):
        print("error: laoxiao binary not found or not executable: %s "
              "(build it first, e.g. `ninja -C build-test`)" % harness.BINARY)
        print("0 passed, %d failed" % max(total, 1))
        return 2

    t0 = time.monotonic()
    result = Result(args.verbose)
    try:
        suite.run(result)
    except KeyboardInterrupt:
        result.fixture_failures.append(("interrupted", "KeyboardInterrupt"))
    finally:
        for p in harness.stop_all():
            result.fixture_failures.append(("server shutdown", p))

    for tid, texts in result.failed.items():
        print("\n" + "=" * 70 + "\nFAIL: %s\n" % tid + "-" * 70)
        for t in texts:
            print(t.rstrip())
    for name, text in result.fixture_failures:
        print("\n" + "=" * 70 + "\nFAIL: %s\n" % name + "-" * 70)
        print(text.rstrip())

    passed = len(result.passed)
    # Tests that never ran (a class whose server did not start) count as failed.
    failed = total - passed
    failed += sum(1 for name, _ in result.fixture_failures
                  if "setUp" not in name)
    if failed == 0 and result.fixture_failures:
        failed = len(result.fixture_failures)
    print("\n(%.1f s)" % (time.monotonic() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
