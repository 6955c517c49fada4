"""The code attrs generates for classes, kept between runs of the command line: start-up time.

attrs writes the methods of each class (`__init__`, `__eq__`, `__hash__`, `__repr__` …) as Python
source and compiles it when the class is created. For the ~120 classes a check imports, compiling
that source is about a fifth of a small file's start-up. The same source, file name and Python
compile to the same code, which `marshal` (what `.pyc` files are made of) writes and reads back.

So the command line saves the code attrs compiled, and the next import of this package lets attrs
use it: attrs' `_compile_and_eval(script, globs, locs, filename)` (compile, then evaluate with the
class's globals) is replaced by one that looks up (filename, script) first and compiles, exactly as
attrs does, only what it has not seen. attrs still writes the source and registers it for
tracebacks; only `compile()` is skipped.

The file's name is a hash of the Python version and attrs' files (path, size, modification time).
A file that cannot be read, an attrs whose function is not there: ignored, attrs compiles as it
always does. `GOVDISCLOSE_CODE_CACHE=0` turns it off.
"""

from __future__ import annotations
import __future__

import hashlib
import inspect
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

import attr._make as _attrs_make

from .userdirs import cache_dir, write_atomically

_EXPECTED = ("script", "globs", "locs", "filename")  # attrs' function, as this replaces it
MAX_ENTRIES = 3000  # past this, only what this run used is saved (the rest is of edited classes)
_saved: dict[bytes, bytes] = {}  # hash of (filename, script) -> marshalled code, from the file
_new: dict[bytes, CodeType] = {}  # compiled by this run
_used: set[bytes] = set()  # the saved ones this run used
_other_widths: list[tuple[str, str]] = []  # (filename, script) to compile before saving


def enabled() -> bool:
    return os.environ.get("GOVDISCLOSE_CODE_CACHE", "1") != "0"


def path() -> Path:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for module in (_attrs_make.__file__, sys.modules["attr"].__file__ or ""):
        stat = os.stat(module)
        digest.update(f"{module}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return cache_dir() / "attrs" / f"{digest.hexdigest()}.marshal"


# The flags attrs' own `compile()` call inherits from its module (`from __future__ import …`).
_FLAGS = sum(
    feature.compiler_flag
    for feature in vars(_attrs_make).values()
    if isinstance(feature, __future__._Feature)
)


# The one part of attrs' source that changes from run to run: `__hash__` mixes in a number for the
# class, `hash()` of a string, which Python salts per process. The source is saved with a stand-in
# of the same width (so that the code's column positions are the same too), and the class's own
# number put back into the loaded code's constants.


def _stand_in(number: int) -> int:
    """9…9 with the sign and the number of digits of `number`: no other constant of attrs."""
    nines = int("9" * len(str(abs(number))))
    return -nines if number < 0 else nines


def _hash_number(filename: str) -> int | None:
    """The number attrs wrote into a `__hash__` of the class whose methods are in `filename`."""
    prefix = "<attrs generated methods "
    return hash("<attrs generated hash " + filename[len(prefix) :]) if filename.startswith(prefix) else None


def _with_constant(code: CodeType, old: int, new: int) -> tuple[CodeType, int]:
    """`code` with the constant `old` (in it or in the code of its functions) replaced by `new`,
    and how many were replaced."""
    count = 0
    consts: list[object] = []
    for const in code.co_consts:
        if type(const) is int and const == old:
            consts.append(new)
            count += 1
        elif isinstance(const, CodeType):
            inner, found = _with_constant(const, old, new)
            consts.append(inner)
            count += found
        else:
            consts.append(const)
    return (code.replace(co_consts=tuple(consts)) if count else code), count


# A number of each usual width: `hash()` of a string has 19 digits (89 %) or 18 (10 %), either sign.
_WIDTHS = (-(10**18), -(10**17), 10**17, 10**18)


def _code(script: str, filename: str) -> CodeType:
    number = _hash_number(filename)
    if number is None or script.count(f"{number},") != 1:
        return _compiled((filename, script))  # no number (or not as attrs writes it): as it is
    keys: dict[int, tuple[str, str]] = {}
    for width in (number, *_WIDTHS):
        stand_in = _stand_in(width)
        if f"{stand_in}," in script:
            return _compiled((filename, script))
        keys[stand_in] = (filename, script.replace(f"{number},", f"{stand_in},"))
    stand_in = _stand_in(number)
    first = len(_new)
    code = _compiled(keys[stand_in])
    if len(_new) > first:  # compiled: the other widths too when saving, a later run's has one of them
        _other_widths.extend(keys.values())
    with_number, replaced = _with_constant(code, stand_in, number)
    if replaced != 1:  # not where it was expected: compiled as attrs compiles it
        as_attrs: CodeType = compile(script, filename, "exec", flags=_FLAGS, dont_inherit=True)
        return as_attrs
    return with_number


def _compiled(source: tuple[str, str]) -> CodeType:
    """The code of (filename, script): saved, compiled earlier in this run, or compiled now."""
    key = hashlib.blake2b(f"{source[0]}\0{source[1]}".encode(), digest_size=20).digest()
    saved = _saved.get(key)
    if saved is not None:  # unmarshalled only when used: most entries are other widths' code
        loaded = marshal.loads(saved)
        if isinstance(loaded, CodeType):
            _used.add(key)
            return loaded
    code = _new.get(key)
    if code is None:
        code = compile(source[1], source[0], "exec", flags=_FLAGS, dont_inherit=True)
        _new[key] = code
    return code


def _compile_and_eval(
    script: str,
    globs: dict[str, Any] | None,
    locs: Mapping[str, object] | None = None,
    filename: str = "",
) -> None:
    eval(_code(script, filename), globs, locs)  # attrs' generated methods, evaluated as attrs does


def install() -> None:
    """Load the saved code and let attrs use it (for the classes created from now on)."""
    original = getattr(_attrs_make, "_compile_and_eval", None)
    if not enabled() or original is None or tuple(inspect.signature(original).parameters) != _EXPECTED:
        return
    try:
        saved = marshal.loads(path().read_bytes())
    except Exception:  # a file that cannot be read or loaded is ignored
        saved = {}
    if isinstance(saved, dict):
        _saved.update((k, v) for k, v in saved.items() if isinstance(k, bytes) and isinstance(v, bytes))
    _attrs_make._compile_and_eval = _compile_and_eval


def save() -> None:
    """Save the code this run compiled, with what was saved before (when there is any new)."""
    if not _new:
        return
    for source in _other_widths:
        _compiled(source)
    _other_widths.clear()
    kept = _saved if len(_saved) + len(_new) <= MAX_ENTRIES else {k: _saved[k] for k in _used}
    merged = {**kept, **{k: marshal.dumps(v) for k, v in _new.items()}}
    try:
        target = path()
    except OSError:  # attrs not in plain files (a zip): nothing to key the cache by
        return
    write_atomically(target, marshal.dumps(merged))
    # saved once: a process that runs `main()` again (the fuzzer, the tests) writes only what is new
    _saved.update(merged)
    _new.clear()
