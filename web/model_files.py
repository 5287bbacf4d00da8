"""A read model as one file: its arrays memory-mapped where they lie, the rest pickled.

Pickle protocol 5 hands every contiguous numpy array (those of the scipy matrices too) out of
band; they are written after the pickle, each aligned, and a loader maps them from the file
instead of copying them. Processes that load the same file share those pages, and loading
costs only the objects that are not arrays (organisations, names, lookups). Only files of the
service's own private folder, written by its own builder, are loaded (SECURITY.md).
"""

from __future__ import annotations

import gc
import hashlib
import io
import mmap
import os
import pickle  # nosec B403
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy
import sklearn

from graph_schema.model import Organisation
from web.services.read_model import ReadModel

MAGIC = b"PPSMODL2"
# Buffers start on a page boundary: numpy then reads aligned data, and each array's pages
# hold nothing of its neighbours.
ALIGN = mmap.PAGESIZE
# While a model loads, a request thread that let go of the interpreter for a numpy call gets
# it back this soon (the default 5 ms, per call, made requests ten times slower meanwhile).
LOAD_SWITCH_INTERVAL = 0.0005
PEEK = 64 * 1024  # what the unpickler may look ahead
_HERE = Path(__file__).resolve().parent
# Every package whose code builds a read model or defines what it holds.
_PACKAGES = (_HERE.parent / "graph_schema", _HERE.parent / "matcher", _HERE / "services")
# Base build id, full pickle length, pickle-on-the-base length, number of buffers.
_COUNTS = struct.Struct("<32sQQQ")
_SPAN = struct.Struct("<QQ")  # offset, length of one buffer


class ModelFileError(ValueError):
    """A file that is not a read model written by `save`, or is cut short."""


def code_version() -> str:
    """What a file's contents depend on: the code that builds and reads models, the
    libraries whose objects it pickles. Files of another version are never loaded."""
    digest = hashlib.sha256()
    for module in (sys.version, np.__version__, scipy.__version__, sklearn.__version__):
        digest.update(module.encode())
    files = [p for package in _PACKAGES for p in sorted(package.rglob("*"))
             if p.suffix in (".py", ".json") and p.is_file()]
    for path in [*files, Path(__file__).resolve()]:
        digest.update(str(path.relative_to(_HERE.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def save(model: ReadModel, path: Path, base: ReadModel | None = None) -> int:
    """Write the model to `path` (via a temporary file beside it, renamed); returns its bytes.

    With `base` (the model being served when the build began) the file holds a second pickle
    that names the base's organisations it shares instead of holding them: a loader serving
    that base makes only the changed ones (most of a load's work, and of its objects' memory).
    """
    buffers: list[pickle.PickleBuffer] = []
    full = pickle.dumps(model, protocol=5, buffer_callback=buffers.append)
    views = [buffer.raw() for buffer in buffers]
    on_base = _on_base(model, base, len(views)) if base is not None else b""
    header = len(MAGIC) + _COUNTS.size + _SPAN.size * len(views)
    offset = _aligned(header + len(full) + len(on_base))
    spans = []
    for view in views:
        spans.append((offset, view.nbytes))
        offset = _aligned(offset + view.nbytes)
    base_id = (base.build_id if on_base and base is not None else "").encode()
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as out:
        out.write(MAGIC + _COUNTS.pack(base_id, len(full), len(on_base), len(views)))
        for span in spans:
            out.write(_SPAN.pack(*span))
        out.write(full)
        out.write(on_base)
        for (start, _), view in zip(spans, views, strict=True):
            out.seek(start)
            out.write(view)
        out.truncate(offset)
    os.replace(partial, path)  # a reader sees the whole file or none
    return offset


def load(path: Path, base: ReadModel | None = None) -> ReadModel:
    """Map the file and rebuild the model; its arrays stay in the (shared) mapping.

    When the file was written on `base`, the organisations it shares come from `base`. The
    mapping is private: a write to an array copies that page for this process only.
    """
    with path.open("rb") as file:
        mapping = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_COPY)
    whole = memoryview(mapping)
    base_id, full, on_base, spans = _layout(whole, path)
    buffers = [whole[start : start + length] for start, length in spans]
    unpickler = (_BaseUnpickler(_Chunks(on_base), base, buffers)
                 if base is not None and base_id == base.build_id
                 else pickle.Unpickler(_Chunks(full), buffers=buffers))  # nosec B301
    # No collection while the model's objects are made (each would walk the whole heap), and
    # none of them afterwards: they live until the next revision and are freed by refcount.
    gc.collect()
    gc.disable()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(LOAD_SWITCH_INTERVAL)
    try:
        model = unpickler.load()
    finally:
        sys.setswitchinterval(interval)
        gc.freeze()
        gc.enable()
    if not isinstance(model, ReadModel):
        raise ModelFileError(f"{path}: holds a {type(model).__name__}, not a read model")
    return model


def _on_base(model: ReadModel, base: ReadModel, buffers: int) -> bytes:
    """The model pickled with its organisations equal to the base's as their base rows."""
    sink = io.BytesIO()
    found: list[pickle.PickleBuffer] = []
    _BasePickler(sink, base, found.append).dump(model)
    # Organisations hold no arrays: the same buffers in the same order, else no such pickle.
    return sink.getvalue() if len(found) == buffers else b""


class _BasePickler(pickle.Pickler):
    """Names an organisation equal to the base's at the same id by that row."""

    def __init__(self, sink: io.BytesIO, base: ReadModel,
                 buffer_callback: Callable[[pickle.PickleBuffer], None]):
        super().__init__(sink, protocol=5, buffer_callback=buffer_callback)
        self.orgs, self.rows = base.index.orgs, base.index.org_pos

    def persistent_id(self, obj: object) -> int | None:
        if type(obj) is Organisation:
            row = self.rows.get(obj.id)
            if row is not None and self.orgs[row] == obj:
                return row
        return None


class _BaseUnpickler(pickle.Unpickler):
    """Takes the organisations a file names by base row from the base model."""

    def __init__(self, file: _Chunks, base: ReadModel, buffers: list[memoryview]):
        super().__init__(file, buffers=buffers)
        self.orgs = base.index.orgs

    def persistent_load(self, pid: object) -> Organisation:
        if not isinstance(pid, int) or not 0 <= pid < len(self.orgs):
            raise ModelFileError(f"names organisation row {pid!r} of its base, which has "
                                 f"{len(self.orgs)}")
        return self.orgs[pid]


def _layout(whole: memoryview,
            path: Path) -> tuple[str, memoryview, memoryview, list[tuple[int, int]]]:
    """The base id, both pickles and the buffer spans of a mapped file, checked for size."""
    size = len(whole)
    start = len(MAGIC) + _COUNTS.size
    if size < start or whole[: len(MAGIC)] != MAGIC:
        raise ModelFileError(f"{path}: not a ppsmatch read model file")
    base_id, full, on_base, count = _COUNTS.unpack_from(whole, len(MAGIC))
    spans = [_SPAN.unpack_from(whole, start + i * _SPAN.size) for i in range(count)]
    begin = start + count * _SPAN.size
    if begin + full + on_base > size or any(o + n > size for o, n in spans):
        raise ModelFileError(f"{path}: cut short ({size} bytes)")
    return (base_id.rstrip(b"\0").decode(), whole[begin : begin + full],
            whole[begin + full : begin + full + on_base], spans)


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


class _Chunks:
    """The pickle as a file the unpickler reads a frame (64 KiB) at a time, from Python: on
    each read the thread waiting longest for the interpreter gets it, so requests go on."""

    def __init__(self, data: memoryview):
        self._data, self._at = data, 0

    def read(self, size: int = -1) -> bytes:
        time.sleep(0)  # a thread waiting for the interpreter gets it now, not in 5 ms
        end = len(self._data) if size < 0 else min(self._at + size, len(self._data))
        out = self._data[self._at : end].tobytes()
        self._at = end
        return out

    def readinto(self, buffer: memoryview) -> int:
        size = min(len(buffer), len(self._data) - self._at)
        buffer[:size] = self._data[self._at : self._at + size]
        self._at += size
        return size

    def readline(self, size: int = -1) -> bytes:
        rest = self._data[self._at : self._at + PEEK].tobytes()
        end = rest.find(b"\n")
        return self.read(end + 1 if end >= 0 else len(rest))

    def peek(self, size: int = 0) -> bytes:
        return self._data[self._at : self._at + max(size, PEEK)].tobytes()
