"""Where the instructions of one `check FILE` go, phase by phase, counted by callgrind (a number the
load of a shared machine does not change): the interpreter, the libraries every check imports, the
import of the command line, a first `check` in the process (the imports a check makes, the catalog,
the patterns compiled on first use, the check, the output) and a second one. The exit is not
counted (startup.py --instructions counts a whole run).

    python benchmarks/startup_phases.py [FILE]

The script runs itself under callgrind (instructions.py) and imports nothing before its first mark
but `os` and `sys`, so the first phase is the bare interpreter's. Run from the directory a user
would run in: a `pyproject.toml` there that names the tool is read as configuration. Needs valgrind.
A benchmark, not a test: it prints numbers and asserts nothing.
"""

import os
import sys

if "--measured" in sys.argv:
    os.getppid()
    import argparse  # noqa: F401

    import attrs  # noqa: F401
    import opencc  # noqa: F401
    import regex  # noqa: F401

    os.getppid()
    from govdisclose_check import collector
    from govdisclose_check.cli import main

    os.getppid()
    collector.for_a_program()  # as the console script's `main()` sets the garbage collector
    import io

    for _ in range(2):
        sys.stdout = io.StringIO()
        main(["check", os.environ["STARTUP_PHASES_FILE"]])
        sys.stdout = sys.__stdout__
        os.getppid()
else:
    from pathlib import Path

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from instructions import counted

    file = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "examples" / "000_c3557deb96c0a3f4.txt")
    os.environ["STARTUP_PHASES_FILE"] = file
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
    )
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed package, compiled (startup.py)
    names = [
        "interpreter",
        "attrs, regex, opencc, argparse",
        "import cli",
        "first check",
        "second check",
    ]
    parts = counted(__file__, 1)
    for name, part in zip(names, parts, strict=True):
        print(f"{name:36} {part / 1e6:8.1f}M")
    print(f"{'one run (all but the second check)':36} {(sum(parts) - parts[4]) / 1e6:8.1f}M")
