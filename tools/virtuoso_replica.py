"""A Virtuoso read replica of a diplograph store: a throw-away Virtuoso (open-source edition, Debian's
`virtuoso-opensource-7-bin`) started on loopback ports with its own configuration in one folder, and a
diplograph N-Quads export bulk-loaded into it with Virtuoso's own loader (`ld_dir` + `rdf_loader_run`).

Used by bench/replica.py and tests/graph/test_graph_virtuoso.py, and on its own:

    diplograph export --format nq -o graph.nq --store oxigraph:./data/graph
    python tools/virtuoso_replica.py graph.nq --folder ./data/virtuoso --port 8890
    diplograph statements --store sparql:http://127.0.0.1:8890/sparql --speaker Trump --order=-date --limit 50

Virtuoso's default graph is the union of its graphs, which is what diplograph's queries expect; its
`/sparql` endpoint answers reads as the `SPARQL` user. It is a replica, refreshed from exports: Virtuoso
7.2.5 refuses the blank nodes of diplograph's ontology in SPARQL INSERT DATA, so diplograph does not
write it. The database files, the log and the configuration all live in the folder.
"""
from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER, CLIENT = "virtuoso-t", "isql-vt"  # Debian's names for the server and its SQL client


def installed() -> bool:
    """True when Virtuoso's server and SQL client are on PATH."""
    return shutil.which(SERVER) is not None and shutil.which(CLIENT) is not None


def configuration(folder: Path, http_port: int, sql_port: int, buffers: int) -> str:
    """A virtuoso.ini keeping everything in `folder`; `buffers` 8 KB pages of cache (Virtuoso's sizing)."""
    db = folder.resolve()
    return f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
DirsAllowed = ., {db}
MaxClientConnections = 10
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""


class VirtuosoError(RuntimeError):
    """Virtuoso did not start, or refused a load."""


@dataclass
class Virtuoso:
    """A running Virtuoso server whose files live in `folder`."""

    folder: Path
    http_port: int
    sql_port: int
    process: subprocess.Popen

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def store_uri(self) -> str:
        """The diplograph store URI of this server (queries and updates on the same endpoint)."""
        return f"sparql:{self.endpoint}"

    def sql(self, statements: str, timeout: float = 3600) -> str:
        """Run SQL through isql (as dba, the password of a new database) and return its output."""
        done = subprocess.run([CLIENT, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode or "*** Error" in done.stdout + done.stderr:
            raise VirtuosoError(f"isql: {(done.stdout + done.stderr).strip()[-500:]}")
        return done.stdout

    def load(self, nquads: Path) -> None:
        """Bulk-load an N-Quads file (each quad into its named graph); raises when the loader reports an error."""
        source = nquads.resolve()
        staged = self.folder.resolve() / source.name  # the loader reads only from DirsAllowed
        if staged != source:
            shutil.copyfile(source, staged)
        try:
            self.sql("DELETE FROM DB.DBA.load_list;")  # the loader skips a file name it has seen before
            self.sql(f"ld_dir('{staged.parent}', '{staged.name}', 'urn:diplograph:default'); "
                     "rdf_loader_run(); checkpoint;")
            errors = self.sql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
            if "0 Rows" not in errors:
                raise VirtuosoError(f"the bulk loader refused {source.name}: {errors.strip()[-500:]}")
        finally:
            if staged != source:
                staged.unlink(missing_ok=True)

    def stop(self) -> None:
        """Shut the server down cleanly (checkpoint), by force if it does not stop in time."""
        if self.process.poll() is not None:
            return
        try:
            self.sql("shutdown;", timeout=60)
        except (VirtuosoError, subprocess.TimeoutExpired):
            pass
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(folder: Path, *, http_port: int, sql_port: int, buffers: int = 20_000, wait: float = 180) -> Virtuoso:
    """Start Virtuoso on loopback with its files in `folder` (created), and wait for its SPARQL endpoint."""
    if not installed():
        raise VirtuosoError("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin)")
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(configuration(folder, http_port, sql_port, buffers))
    log = (folder / "server.out").open("wb")
    process = subprocess.Popen([SERVER, "+configfile", str(ini.resolve()), "+foreground"], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    log.close()
    server = Virtuoso(folder, http_port, sql_port, process)
    probe = f"{server.endpoint}?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(probe, timeout=5).close()
            return server
        except OSError:
            if process.poll() is not None:
                tail = (folder / "server.out").read_text(errors="replace")[-1000:]
                raise VirtuosoError(f"virtuoso-t exited: {tail}") from None
            time.sleep(0.5)
    server.stop()
    raise VirtuosoError(f"Virtuoso did not answer on {server.endpoint} within {wait:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve a diplograph N-Quads export from a Virtuoso read replica.")
    parser.add_argument("nquads", type=Path)
    parser.add_argument("--folder", type=Path, default=Path("data/virtuoso"))
    parser.add_argument("--port", type=int, default=8890)
    parser.add_argument("--sql-port", type=int, default=1111)
    parser.add_argument("--buffers", type=int, default=170_000, help="8 KB pages of cache (170,000: ~1.3 GB)")
    arguments = parser.parse_args()
    try:
        server = start(arguments.folder, http_port=arguments.port, sql_port=arguments.sql_port,
                       buffers=arguments.buffers)
        server.load(arguments.nquads)
    except VirtuosoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"serving {arguments.nquads} at {server.endpoint} (store {server.store_uri}); Ctrl-C stops it")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the server cleanly too
    signal.signal(signal.SIGINT, _interrupt)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
