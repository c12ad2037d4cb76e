"""What the query workers read: a consistent view of the store, made again after each write.

An `oxigraph:` store is served from RocksDB checkpoints (`Store.backup`): a checkpoint hard-links the
store's immutable table files into a directory of its own and copies the few small files that change
(manifest, write-ahead log), so it costs milliseconds and almost no disk at any size, and it never
changes afterwards. Workers open it with `Store.read_only` and read the data where it lies (through
the OS page cache) instead of each loading a full copy into memory. Opening the live store read-only
while the server writes it is undefined behaviour in RocksDB; a checkpoint is safe because nobody
writes it. Checkpoints live beside the store, in `.<name>.snapshots/<generation>`, and a checkpoint
is deleted once no worker or export holds it (the engine says when).

A memory store (small by nature) and a store another process holds (opened read-only, where RocksDB
cannot make a checkpoint) are served as before: an N-Quads dump each worker loads into memory.

An update is rehearsed (engine.rehearse_update) on a *writable* checkpoint made for it alone (a second
`backup`, milliseconds), which the worker opens read-write, updates, checks and the server deletes: a
copy-on-write copy of the whole store whose only cost is the update's own work, on disk. With N-Quads
snapshots the worker rehearses on its in-memory copy, as before.
"""
from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One view of the store for a worker: N-Quads to load, or a checkpoint directory to open read-only."""

    data: bytes | None = None
    path: str | None = None

    def load_message(self) -> dict:
        """The message that makes a worker hold this snapshot."""
        if self.path is not None:
            return {"op": "open", "path": self.path}
        return {"op": "load", "data": self.data or b""}


class NQuadsSnapshots:
    """Snapshots as N-Quads dumps (memory and remote stores): nothing on disk to clean up."""

    def __init__(self, dump: Callable[[], bytes]) -> None:
        self._dump = dump

    def take(self, generation: int) -> Snapshot:
        return Snapshot(data=self._dump())

    def discard(self, snapshot: Snapshot) -> None:
        """Nothing to do: the dump is garbage-collected with the last reference."""

    @contextmanager
    def scratch(self) -> Iterator[str | None]:
        """No writable copy: the worker rehearses an update on its own in-memory snapshot."""
        yield None

    def close(self) -> None:
        """Nothing on disk."""


class CheckpointSnapshots:
    """Snapshots as RocksDB checkpoints of an open, writable Oxigraph store, in `folder`."""

    def __init__(self, native: pyoxigraph.Store, folder: Path) -> None:
        self._native = native
        self.folder = folder
        self._scratch_numbers = itertools.count()
        shutil.rmtree(folder, ignore_errors=True)  # left by a server that was killed: nobody reads them
        folder.mkdir(parents=True, exist_ok=True)

    def take(self, generation: int) -> Snapshot:
        target = self.folder / f"{generation:08d}"
        shutil.rmtree(target, ignore_errors=True)
        self._native.backup(str(target))
        return Snapshot(path=str(target))

    def discard(self, snapshot: Snapshot) -> None:
        if snapshot.path is not None:
            shutil.rmtree(snapshot.path, ignore_errors=True)

    @contextmanager
    def scratch(self) -> Iterator[str | None]:
        """A writable checkpoint of the store as it is now, deleted afterwards (an update's rehearsal)."""
        target = self.folder / f"rehearsal-{next(self._scratch_numbers)}"
        shutil.rmtree(target, ignore_errors=True)
        self._native.backup(str(target))
        try:
            yield str(target)
        finally:
            shutil.rmtree(target, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


SnapshotSource = NQuadsSnapshots | CheckpointSnapshots


def snapshots_of(store) -> SnapshotSource:
    """Checkpoints for a writable `oxigraph:` store, N-Quads dumps for every other store."""
    from diplograph.api.sparql.updates import native_store, snapshot_nquads

    native = native_store(store)
    backend = store.backend
    if native is not None and not getattr(backend, "read_only", True) and getattr(backend, "path", None) is not None:
        path = Path(backend.path).resolve()
        return CheckpointSnapshots(native, path.parent / f".{path.name}.snapshots")
    return NQuadsSnapshots(lambda: snapshot_nquads(store))
