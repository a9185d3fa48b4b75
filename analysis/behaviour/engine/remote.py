"""The engine's SQL where the events are: Apache Spark and PostgreSQL, through sqlglot.

The engine's queries are written once, in DuckDB's SQL. A :class:`Remote` connection transpiles each statement
with sqlglot (``read="duckdb"``, ``write="spark"`` or ``"postgres"``) and runs it on the other engine, behind the
few methods the engine uses on a DuckDB connection: ``execute`` (several statements separated by ``;``),
``fetchall``, ``df`` and ``register`` / ``unregister`` (the small lookup tables made in Python).

What the engine builds stays private to the session and never touches the database's own tables: on Spark each
``CREATE TABLE`` becomes a temporary view of a materialised (locally checkpointed) result, and ``DROP TABLE`` drops
that view; on PostgreSQL each becomes a temporary table (``pg_temp``), and only temporary tables are dropped.

What sqlglot does not map is rewritten on the syntax tree, never in strings. Spark: ``epoch_ns`` (microseconds
times 1000) and ``quantile_cont`` (``percentile``). PostgreSQL: ``arg_min`` / ``arg_max`` (the first element of an
ordered ``array_agg``, its ``FILTER`` kept), the multi-argument ``hash`` (an ``md5`` of the row's text),
``epoch_ns`` (from the exact numeric epoch), ``try_cast`` (functions in ``pg_temp`` returning NULL where a cast
fails) and epoch numbers made times (in UTC, without a zone). Both: a subquery in ``FROM`` gets an alias
(PostgreSQL before 16 needs one). Everything else is sqlglot's own mapping.

:func:`connect` picks the engine by a URL: ``spark://local`` (Spark in this process, all cores),
``spark://local[2]`` (two), ``spark://HOST:PORT`` (a Spark standalone cluster), ``postgresql://USER@HOST/DB``.
"""
from __future__ import annotations

import datetime as dt
import logging
import math
from decimal import Decimal
from typing import ClassVar

import pandas as pd

from analysis.behaviour.engine import read
from analysis.behaviour.engine.measure import LogBehaviour, sessionised
from analysis.behaviour.events import DEFAULT_MARKERS
from analysis.behaviour.sessions import GAP_MINUTES
from analysis.errors import InputError, quoted

SCHEMES = ("spark", "postgresql", "postgres")


def connect(url: str, timeout_s: int | None = None) -> Remote:
    """The connection a URL names (see the module notes); ``timeout_s``: at most that long to reach a PostgreSQL
    server (else the URL's ``connect_timeout``, or the driver's wait).

    Raises
    ------
    InputError
        For an unknown scheme, a missing client package, or a server that cannot be reached.
    """
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in SCHEMES:
        raise InputError("error.behaviour.engine_url", url=quoted(_shown(url)), schemes="spark://, postgresql://")
    if scheme == "spark":
        return Spark.start(url)
    return Postgres.start(url, timeout_s)


def _scrubbed(reason: str, url: str) -> str:
    """A reply with the URL, and the login part of it (user and password), taken out (in case it quotes them)."""
    login = url.split("://", 1)[-1].rpartition("@")[0]
    for secret in (url, login, login.partition(":")[2]):
        if secret:
            reason = reason.replace(secret, "…")
    return reason


def _shown(url: str) -> str:
    """A URL without its password, for messages."""
    head, _, rest = url.partition("://")
    if "@" in rest.split("/", 1)[0]:
        user, _, host = rest.partition("@")
        rest = user.split(":", 1)[0] + "@" + host
    return f"{head}://{rest}"


class Remote:
    """A connection-like object running the engine's DuckDB SQL on another engine (see the module notes)."""

    dialect = ""
    label = ""

    def __init__(self, url: str):
        self.url = url
        self.name: str | None = None  # set for a database the server allows by name: messages name it, not the URL
        self.table = ""
        self._rows: list[tuple] = []
        self._columns: list[str] = []
        self._numeric: list[bool] = []

    def execute(self, sql: str) -> Remote:
        """Run one or more statements (DuckDB SQL); the last one's rows are kept for :meth:`fetchall` / :meth:`df`."""
        import sqlglot
        from sqlglot import exp

        self._rows, self._columns, self._numeric = [], [], []
        try:
            for tree in sqlglot.parse(sql, read="duckdb"):
                if tree is None:
                    continue
                if isinstance(tree, exp.Create):
                    self._create(tree.this.name, self.sql(tree.expression))
                elif isinstance(tree, exp.Drop):
                    for table in tree.args.get("tables") or []:
                        self._drop(table.name)
                else:
                    self._rows, self._columns, self._numeric = self._query(self.sql(tree))
        except self.errors() as err:  # the engine's own error, told as a sentence
            raise self.failed(err) from None
        return self

    @staticmethod
    def errors() -> tuple[type[Exception], ...]:
        """The exceptions the engine's client raises for a failed statement."""
        raise NotImplementedError

    def failed(self, err: Exception) -> InputError:
        """The engine's error as a clear sentence (its first line); for a database known by :attr:`name`, naming it
        and the table instead of the URL, with the URL and its login taken out of the reason."""
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        if self.name is not None:
            return InputError("error.log_db.failed", name=quoted(self.name), table=quoted(self.table),
                              reason=_scrubbed(reason, self.url)[:300])
        return InputError("error.behaviour.remote_failed", engine=self.label, url=quoted(_shown(self.url)),
                          reason=reason[:300])

    def missing(self, table: str) -> InputError:
        """That the engine has no table ``table`` (naming the database by :attr:`name` when it has one)."""
        if self.name is not None:
            return InputError("error.log_db.no_table", name=quoted(self.name), table=quoted(table))
        return InputError("error.behaviour.no_table", engine=self.label, table=quoted(table),
                          url=quoted(_shown(self.url)))

    def sql(self, tree) -> str:
        """One statement's tree in this engine's SQL."""
        return _rewritten(tree.copy(), self.dialect).sql(dialect=self.dialect, identify=True)

    def fetchall(self) -> list[tuple]:
        """The last statement's rows (numbers as int or float, times as datetimes)."""
        return [tuple(_plain(value) for value in row) for row in self._rows]

    def df(self) -> pd.DataFrame:
        """The last statement's rows as a frame; a numeric column holding only NULLs as NaN (as DuckDB gives it)."""
        frame = pd.DataFrame(self.fetchall(), columns=self._columns)
        for column, numeric in zip(self._columns, self._numeric):
            if numeric and frame[column].dtype == object:
                frame[column] = frame[column].astype(float)
        return frame

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Store a small frame made in Python as a session table ``name``."""
        raise NotImplementedError

    def unregister(self, name: str) -> None:
        """Remove a table stored by :meth:`register`."""
        self._drop(name)

    def source(self, table: str) -> str:
        """The SQL naming the events table ``table`` (checked to exist), read before any session table of the
        engine's own could hide it."""
        raise NotImplementedError

    def tables(self) -> list[str]:
        """The names of the tables and views a log can be read from, as :meth:`source` takes them."""
        raise NotImplementedError

    def order(self) -> str:
        """DuckDB SQL numbering a source's rows in storage order (the file order of a table loaded once)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""

    def _create(self, name: str, select: str) -> None:
        raise NotImplementedError

    def _drop(self, name: str) -> None:
        raise NotImplementedError

    def _query(self, sql: str) -> tuple[list[tuple], list[str], list[bool]]:
        """The rows of one statement in this engine's SQL, its column names and which columns are numeric."""
        raise NotImplementedError


def _plain(value):
    """A fetched value as DuckDB gives it: decimals as floats, missing as None."""
    if isinstance(value, Decimal):
        return float(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _kinds(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """Each column of a frame with its kind: boolean, bigint, double, timestamp or text."""
    kinds = []
    for name, column in frame.items():
        if pd.api.types.is_bool_dtype(column):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(column):
            kind = "bigint"
        elif pd.api.types.is_float_dtype(column):
            kind = "double"
        elif pd.api.types.is_datetime64_any_dtype(column):
            kind = "timestamp"
        else:
            kind = "text"
        kinds.append((str(name), kind))
    return kinds


def _records(frame: pd.DataFrame) -> list[tuple]:
    """A frame's rows as Python values (None for missing; times as UTC-aware datetimes)."""
    def value(item):
        if item is None or (not isinstance(item, (list, tuple)) and pd.isna(item)):
            return None
        if isinstance(item, pd.Timestamp):
            stamp = item.tz_convert("UTC") if item.tzinfo else item.tz_localize("UTC")
            return stamp.to_pydatetime()
        return item.item() if hasattr(item, "item") else item

    return [tuple(value(item) for item in row) for row in frame.astype(object).itertuples(index=False, name=None)]


def _rewritten(tree, dialect: str):
    """The tree with what ``dialect`` lacks rewritten (see the module notes)."""
    from sqlglot import exp

    for number, subquery in enumerate(list(tree.find_all(exp.Subquery))):
        if not subquery.alias and isinstance(subquery.parent, (exp.From, exp.Join)):
            subquery.set("alias", exp.TableAlias(this=exp.to_identifier(f"_q{number}")))
    if dialect == "spark":
        return tree.transform(_spark_node)
    return tree.transform(_postgres_node)


def _is_epoch_ns(node) -> bool:
    from sqlglot import exp

    return isinstance(node, exp.Anonymous) and node.name.lower() == "epoch_ns"


def _spark_node(node):
    """One node in a form Spark runs: ``epoch_ns`` as microseconds times 1000 (Spark keeps microseconds), and
    ``quantile_cont`` as ``percentile`` (exact, interpolated as DuckDB interpolates)."""
    from sqlglot import exp

    if isinstance(node, exp.PercentileCont):
        return exp.Anonymous(this="PERCENTILE", expressions=[node.this.copy().transform(_spark_node),
                                                             node.expression.copy()])
    if _is_epoch_ns(node):
        micros = exp.Anonymous(this="UNIX_MICROS", expressions=[node.expressions[0].copy().transform(_spark_node)])
        return exp.Paren(this=exp.Mul(this=micros, expression=exp.Literal.number(1000)))
    return node


def _postgres_node(node):
    """One node in a form PostgreSQL runs: arg_min / arg_max (filtered or not), hash, try_cast, ``epoch_ns`` (from
    the exact numeric epoch) and epoch numbers made times (in UTC, without a zone)."""
    from sqlglot import exp

    if _is_epoch_ns(node):
        seconds = exp.Extract(this=exp.var("epoch"), expression=node.expressions[0].copy().transform(_postgres_node))
        return exp.cast(exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000_000)), "bigint")
    if isinstance(node, exp.UnixToTime) and not isinstance(node.parent, exp.AtTimeZone):
        inner = node.copy()
        inner.set("this", inner.this.transform(_postgres_node))
        return exp.AtTimeZone(this=inner, zone=exp.Literal.string("UTC"))
    if isinstance(node, exp.Filter) and isinstance(node.this, (exp.ArgMax, exp.ArgMin)):
        return _first_of(node.this, node.expression)
    if isinstance(node, (exp.ArgMax, exp.ArgMin)) and not isinstance(node.parent, exp.Filter):
        return _first_of(node, None)
    if isinstance(node, exp.Anonymous) and node.name.lower() == "hash":
        row = exp.Anonymous(this="ROW", expressions=[arg.copy().transform(_postgres_node) for arg in node.expressions])
        return exp.func("md5", exp.cast(row, "text"))
    if isinstance(node, exp.TryCast):
        kind = node.to.this.name.lower() if hasattr(node.to.this, "name") else str(node.to.this.value).lower()
        return exp.Anonymous(this=f"pg_temp.jl_try_{kind}",
                             expressions=[exp.cast(node.this.copy().transform(_postgres_node), "text")])
    return node


def _first_of(node, where):
    """``arg_max(x, y)`` as ``(array_agg(x ORDER BY y DESC))[1]`` (``arg_min``: ascending), rows with a NULL ``y``
    left out as DuckDB leaves them out, with a ``FILTER`` clause kept."""
    from sqlglot import exp

    descending = isinstance(node, exp.ArgMax)
    key = node.expression.copy().transform(_postgres_node)
    ordered = exp.Order(expressions=[exp.Ordered(this=key, desc=descending, nulls_first=False)])
    aggregate = exp.ArrayAgg(this=exp.Order(this=node.this.copy().transform(_postgres_node),
                                            expressions=ordered.expressions))
    condition = exp.Not(this=exp.Is(this=key.copy(), expression=exp.Null()))
    if where is not None:
        condition = exp.and_(where.this.copy().transform(_postgres_node), condition)
    filtered = exp.Filter(this=aggregate, expression=exp.Where(this=condition))
    return exp.Bracket(this=exp.Paren(this=filtered), expressions=[exp.Literal.number(1)], offset=1)


def _utc(value):
    """A value collected from Spark; a time (which PySpark gives on this machine's clock) as a naive UTC time."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


class Spark(Remote):
    """Spark SQL through a SparkSession (``spark://local``, ``spark://local[N]`` or a cluster's master URL)."""

    dialect = "spark"
    label = "Spark"

    def __init__(self, url: str, session):
        super().__init__(url)
        self.session = session

    @classmethod
    def start(cls, url: str, session=None) -> Spark:
        """A connection on ``session`` (an existing SparkSession), else on one started for ``url``."""
        if session is None:
            try:
                from pyspark.sql import SparkSession
            except ImportError:
                raise InputError("error.behaviour.remote_package", engine=cls.label, package="pyspark") from None
            where = url.split("://", 1)[1]
            master = "local[*]" if where == "local" else where if where.startswith("local[") else f"spark://{where}"
            builder = SparkSession.builder
            if master.startswith("local"):  # adaptive planning only costs time on one machine's small shuffles
                builder = builder.config("spark.sql.adaptive.enabled", "false")
            try:
                session = (builder.master(master).appName("journey-lens")
                           .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
                           .config("spark.ui.showConsoleProgress", "false")
                           .getOrCreate())
                session.sparkContext.setLogLevel("OFF")
            except cls.errors() as err:
                raise cls(url, None).failed(err) from None
        session.conf.set("spark.sql.session.timeZone", "UTC")
        logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)  # errors come back as sentences
        return cls(url, session)

    @staticmethod
    def errors():
        from py4j.protocol import Py4JError
        from pyspark.errors import PySparkException

        return PySparkException, Py4JError

    def _query(self, sql):
        from pyspark.sql.types import NumericType

        found = self.session.sql(sql)
        return ([tuple(_utc(value) for value in row) for row in found.collect()], list(found.columns),
                [isinstance(column.dataType, NumericType) for column in found.schema.fields])

    def _create(self, name, select):
        self.session.sql(select).localCheckpoint().createOrReplaceTempView(name)

    def _drop(self, name):
        self.session.catalog.dropTempView(name)

    def register(self, name, frame):
        from pyspark.sql import types

        spark_types = {"boolean": types.BooleanType(), "bigint": types.LongType(), "double": types.DoubleType(),
                       "timestamp": types.TimestampType(), "text": types.StringType()}
        schema = types.StructType([types.StructField(column, spark_types[kind]) for column, kind in _kinds(frame)])
        self.session.createDataFrame(_records(frame), schema).createOrReplaceTempView(name)

    def source(self, table):
        self.table = table
        try:
            loaded = self.session.sql(f"SELECT * FROM {table}")  # a catalog table, or parquet.`/a/folder`
        except self.errors():
            raise self.missing(table) from None
        loaded.createOrReplaceTempView("journey_lens_source")
        return "journey_lens_source"

    def tables(self):
        return sorted(table.name if table.isTemporary or not table.database else f"{table.database}.{table.name}"
                      for table in self.session.catalog.listTables())

    def order(self):
        return "monotonically_increasing_id()"


class Postgres(Remote):
    """PostgreSQL through psycopg 3 (``postgresql://USER:PASSWORD@HOST:PORT/DB``; ``?host=/socket/folder`` too)."""

    dialect = "postgres"
    label = "PostgreSQL"
    NUMBERS: ClassVar[set[int]] = {20, 21, 23, 700, 701, 1700}  # the type ids of int8, int2, int4, float4, float8, numeric
    TRY: ClassVar[dict[str, str]] = {"timestamptz": "timestamptz", "timestamp": "timestamp",
                                     "double": "double precision"}

    def __init__(self, url: str, connection):
        super().__init__(url)
        self.connection = connection

    @classmethod
    def start(cls, url: str, timeout_s: int | None = None) -> Postgres:
        """A connection to the database at ``url`` (times in UTC, each statement committed), trying for at most
        ``timeout_s`` seconds when given."""
        try:
            import psycopg
        except ImportError:
            raise InputError("error.behaviour.remote_package", engine=cls.label, package="psycopg") from None
        try:
            waited = {} if timeout_s is None else {"connect_timeout": timeout_s}
            connection = psycopg.connect("postgresql://" + url.split("://", 1)[1], autocommit=True, **waited)
        except psycopg.Error as err:
            raise cls(url, None).failed(err) from None
        remote = cls(url, connection)
        with connection.cursor() as cursor:
            cursor.execute("SET TimeZone = 'UTC'")
            for name, kind in cls.TRY.items():
                cursor.execute(f"CREATE OR REPLACE FUNCTION pg_temp.jl_try_{name}(value text) RETURNS {kind} AS $$ "
                               f"BEGIN RETURN value::{kind}; EXCEPTION WHEN others THEN RETURN NULL; END $$ "
                               "LANGUAGE plpgsql IMMUTABLE")
        return remote

    @staticmethod
    def errors():
        import psycopg

        return (psycopg.Error,)

    def _query(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            if cursor.description is None:
                return [], [], []
            return (cursor.fetchall(), [column.name for column in cursor.description],
                    [column.type_code in self.NUMBERS for column in cursor.description])

    def _create(self, name, select):
        self._drop(name)
        self._query(f'CREATE TEMP TABLE "{name}" AS {select}')

    def _drop(self, name):
        self._query(f'DROP TABLE IF EXISTS pg_temp."{name}"')

    def register(self, name, frame):
        kinds = _kinds(frame)
        columns = ", ".join(f'"{column}" {"double precision" if kind == "double" else kind}' for column, kind in kinds)
        self._drop(name)
        self._query(f'CREATE TEMP TABLE "{name}" ({columns})')
        names = ", ".join(f'"{column}"' for column, _ in kinds)
        with self.connection.cursor() as cursor, cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
            for row in _records(frame):
                copy.write_row(row)

    def source(self, table):
        self.table = table
        found = []
        if valid_table(table):  # the name as written (a mixed-case "WebEvents"), else as PostgreSQL folds it
            exact = " || '.' || ".join(f"quote_ident({read.literal(part)})" for part in table.split("."))
            found, _, _ = self._query("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                                   "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   f"WHERE c.oid = coalesce(to_regclass({exact}), to_regclass({read.literal(table)}))")
        if not found:
            raise self.missing(table)
        return found[0][0]

    def tables(self):
        found, _, _ = self._query("SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema "
                                  "NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_temp%' "
                                  "ORDER BY table_schema <> 'public', table_schema, table_name")
        return [name if schema == "public" else f"{schema}.{name}" for schema, name in found]

    def order(self):
        return "row_number() OVER (ORDER BY ctid)"

    def close(self):
        self.connection.close()


def valid_table(table: str) -> bool:
    """A table name (optionally schema-qualified) made of letters, digits, ``_`` and ``.``."""
    return bool(table) and all(part and (part[0].isalpha() or part[0] == "_") and
                               all(ch.isalnum() or ch == "_" for ch in part) for part in table.split("."))


def analyse_table(engine, table: str, gap_minutes: float = GAP_MINUTES, steps: list[str] | None = None,
                  markers=DEFAULT_MARKERS, keep_bots: bool = False, conversion: list[str] | None = None,
                  page_patterns: list[str] | None = None, session_column: str | None = None) -> LogBehaviour:
    """The events of ``table`` analysed where they are, as :func:`analysis.behaviour.engine.analyse_log` analyses
    files (same parameters but ``paths``): ``engine`` is a connection URL (:func:`connect`) or a :class:`Remote`.

    Raises
    ------
    InputError
        For an unknown URL or table, unusable columns, an unknown step, a bad gap, an engine error, or when every
        row was set aside.
    """
    con = engine if isinstance(engine, Remote) else connect(engine)
    source = read.Source(table, con.source(table), con.order())
    log = read.read_sources(con, [source], markers, keep_bots, page_patterns, session_column)
    return sessionised(con, log, gap_minutes, steps, conversion)
