"""The two SQL engines behind one small interface: run a statement, fetch rows, bulk-load rows.

Statements are written once with `?` placeholders; the PostgreSQL backend rewrites them to `%s`.
Bulk loads never go row by row (DuckDB's `executemany` costs about 1.7 ms a row): DuckDB reads
an Arrow table, PostgreSQL a COPY stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.errors import StoreError

if TYPE_CHECKING:  # pyarrow is imported where it is used: a query from the command line never needs it
    import pyarrow as pa


def _arrow_type(kind: str):
    """An information_schema type name of either engine as the Arrow type for bulk loads and exports."""
    import pyarrow as pa

    types = {
        "varchar": pa.string(),
        "text": pa.string(),
        "character varying": pa.string(),
        "bigint": pa.int64(),
        "integer": pa.int32(),
        "double": pa.float64(),
        "double precision": pa.float64(),
        "boolean": pa.bool_(),
        "timestamp": pa.timestamp("us"),
        "timestamp without time zone": pa.timestamp("us"),
    }
    return types.get(kind.lower(), pa.string())


class Backend:
    """What the store needs from an engine. Subclasses hold one connection."""

    dialect = ""

    def execute(self, sql: str, params: Sequence = ()) -> None:
        raise NotImplementedError

    def fetchall(self, sql: str, params: Sequence = ()) -> list[tuple]:
        raise NotImplementedError

    def stream(self, sql: str, params: Sequence = (), size: int = 2000) -> Iterator[tuple]:
        raise NotImplementedError

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        raise NotImplementedError

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        raise NotImplementedError

    def lock_writers(self) -> None:
        """Serialise concurrent writers for the current transaction (DuckDB has one writer anyway)."""

    def lock_schema(self) -> None:
        """Serialise schema changes for the current transaction (DuckDB has one writer anyway)."""

    def arrow_schema(self, table: str) -> pa.Schema:
        cols = self.fetchall(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = ? AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
        import pyarrow as pa

        return pa.schema([(name, _arrow_type(kind)) for name, kind in cols])

    def arrow_batches(
        self, sql: str, params: Sequence = (), size: int = 10_000, schema: pa.Schema | None = None
    ) -> Iterator[pa.RecordBatch]:
        """Stream a query as Arrow batches; `schema` types the columns (else they are inferred)."""
        raise NotImplementedError


class DuckDBBackend(Backend):
    dialect = "duckdb"

    def __init__(self, path: str | Path):
        import duckdb

        self.con = duckdb.connect(str(path))
        self._schemas: dict[str, pa.Schema] = {}
        self.session: list[str] = []  # settings (SET ...) that every cursor of this connection needs

    def set(self, sql: str) -> None:
        """Run a session setting now and on every cursor opened later (DuckDB cursors start afresh)."""
        self.con.execute(sql)
        self.session.append(sql)

    def execute(self, sql, params=()):
        self.con.execute(sql, list(params))

    def fetchall(self, sql, params=()):
        return self.con.execute(sql, list(params)).fetchall()

    def rollback(self) -> None:
        import duckdb

        try:
            self.con.execute("ROLLBACK")
        except duckdb.TransactionException as err:
            # A COMMIT that failed (a full disk) has already ended the transaction: nothing to undo,
            # and the error to report is the commit's.
            if "no transaction is active" not in str(err):
                raise

    def _cursor(self):
        cur = self.con.cursor()
        for setting in self.session:
            cur.execute(setting)
        return cur

    def stream(self, sql, params=(), size=2000):
        # A second cursor, so that statements run while streaming do not cancel the stream.
        cur = self._cursor()
        cur.execute(sql, list(params))
        while rows := cur.fetchmany(size):
            yield from rows
        cur.close()

    def insert(self, table, columns, rows):
        if not rows:
            return
        import pyarrow as pa

        schema = self._schemas.get(table) or self._schemas.setdefault(table, self.arrow_schema(table))
        fields = [schema.field(c) for c in columns]
        data = pa.table(
            [pa.array([row[i] for row in rows], type=f.type) for i, f in enumerate(fields)],
            schema=pa.schema(fields),
        )
        view = f"_load_{table}"
        self.con.register(view, data)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}")
        finally:
            self.con.unregister(view)

    def arrow_batches(self, sql, params=(), size=10_000, schema=None):
        cur = self._cursor()
        relation = cur.sql(sql, params=list(params)) if params else cur.sql(sql)
        for batch in relation.to_arrow_reader(size):
            yield batch.cast(schema) if schema is not None else batch
        cur.close()

    def close(self):
        self.con.close()


_SCHEMA_LOCK = 0x746F6373  # "tocs": the advisory lock key of schema migrations


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, url: str):
        import psycopg

        # Autocommit outside `begin()`; `begin()` opens a psycopg transaction block, and a
        # streaming read inside it nests as a savepoint.
        self.con = psycopg.connect(url, autocommit=True)
        self._tx = None

    def begin(self):
        self._tx = self.con.transaction()
        self._tx.__enter__()

    def commit(self):
        tx, self._tx = self._tx, None
        tx.__exit__(None, None, None)

    def rollback(self):
        tx, self._tx = self._tx, None
        if tx is not None:
            try:
                raise _Rollback
            except _Rollback as err:
                tx.__exit__(_Rollback, err, None)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql, params=()):
        self.con.execute(self._sql(sql), tuple(params))

    def lock_writers(self):
        # Two ingest processes on one server: the second waits, then sees the first one's articles.
        self.con.execute("LOCK TABLE articles IN EXCLUSIVE MODE")

    def lock_schema(self):
        # Released at commit. CREATE TABLE IF NOT EXISTS alone is not safe: two sessions creating
        # the same new table both pass the check, and one fails on the catalog's unique index.
        self.con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))

    def fetchall(self, sql, params=()):
        return self.con.execute(self._sql(sql), tuple(params)).fetchall()

    def stream(self, sql, params=(), size=2000):
        # A named (server-side) cursor needs a transaction; a plain one buffers the whole result.
        with self.con.transaction(), self.con.cursor(name="tocsin_stream") as cur:
            cur.itersize = size
            cur.execute(self._sql(sql), tuple(params))
            yield from cur

    def insert(self, table, columns, rows):
        if not rows:
            return
        with self.con.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def arrow_batches(self, sql, params=(), size=10_000, schema=None):
        names: list[str] | None = None
        chunk: list[tuple] = []
        with self.con.transaction(), self.con.cursor(name="tocsin_export") as cur:
            cur.itersize = size
            cur.execute(self._sql(sql), tuple(params))
            for row in cur:
                if names is None:
                    names = [d.name for d in cur.description]
                chunk.append(row)
                if len(chunk) >= size:
                    yield _batch(names, chunk, schema)
                    chunk = []
            if names is None and cur.description:
                names = [d.name for d in cur.description]
        if chunk or names:
            yield _batch(names or [], chunk, schema)

    def close(self):
        self.con.close()


class _Rollback(Exception):
    """Raised into a psycopg transaction block to make it roll back."""


def _batch(names: list[str], rows: list[tuple], schema: pa.Schema | None) -> pa.RecordBatch:
    import pyarrow as pa

    columns = list(zip(*rows)) if rows else [[] for _ in names]
    if schema is not None:
        fields = [schema.field(n) for n in names]
        arrays = [pa.array(list(c), type=f.type) for f, c in zip(fields, columns)]
        return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))
    return pa.RecordBatch.from_arrays([pa.array(list(c)) for c in columns], names=names)


_ANY_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_postgres(target: str | Path | None) -> bool:
    """A `postgresql://` (or `postgres://`) URL; anything else names a DuckDB file or a lake."""
    return str(target or "").startswith(("postgresql://", "postgres://"))


def check_target(text: str) -> None:
    """Refuse a URL of a database tocsin cannot use ("sqlite:///x.db" would become a DuckDB file
    in a folder named "sqlite:")."""
    if _ANY_URL.match(text) and not is_postgres(text):
        scheme = text.split("://", 1)[0]
        raise StoreError(f"{scheme}://...: not a database tocsin can use; give a DuckDB file path or a "
                         "postgresql:// URL")


def connect(target: str | Path) -> Backend:
    """`postgresql://...` (or `postgres://`) opens PostgreSQL; anything else is a DuckDB file path."""
    text = str(target)
    check_target(text)
    if is_postgres(text):
        return PostgresBackend(text)
    return DuckDBBackend(text)
