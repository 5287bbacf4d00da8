"""No Cypher is built from a value: a scan of the source for query text assembled at run time.

Query text may be a constant, or a constant passed through `fill` (which takes names from the
model's allow-lists only). The scan flags f-strings, `%`, `+` and `.format` that put anything
else into text that looks like Cypher, and a query sink called with such an expression.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graph_schema.errors import InvalidGraphData
from graph_schema.neo4j_store import cypher
from graph_schema.neo4j_store.cypher import fill

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("graph_schema", "matcher", "seed_data", "web")
CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|RETURN|DETACH DELETE|CALL|SET)\b")
ADAPTER = "graph_schema/neo4j_store/"
SINKS = {"run", "query", "execute", "execute_query"}
ALLOWED_ENUMS = {"Label", "RelType"}  # the model's allow-lists of labels and relationship types
QUERY_CONSTANTS = {name for name, value in vars(cypher).items()
                   if isinstance(value, str) and CYPHER.search(value)}


def _is_cypher(node: ast.AST) -> bool:
    """A string constant (or f-string) whose literal text reads like Cypher."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(CYPHER.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_cypher(part) for part in node.values)
    return False


def _is_constant_name(node: ast.AST) -> bool:
    """A query constant of the adapter, e.g. SEARCH_PAGE or cypher.SEARCH_PAGE."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name in QUERY_CONSTANTS


def _is_enum_member(node: ast.AST) -> bool:
    """Label.X or RelType.X, optionally with .value: a name from the allow-lists."""
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ALLOWED_ENUMS)


def _is_safe_query(node: ast.AST) -> bool:
    """What a sink may receive: a plain name, a constant, or fill(...)."""
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", getattr(node.func, "attr", "")) == "fill"
    return isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.Constant)


def violations(source: str, filename: str = "<test>", adapter: bool = True) -> list[str]:
    """Every place where query text is built from a value, as 'file:line what'.

    Query calls (`run`, `query`, ...) are checked in the Neo4j adapter only (`adapter`), the
    one place that talks to the driver; Cypher-looking text is checked everywhere.
    """
    tree = ast.parse(source)
    found: list[str] = []
    fill_bodies = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                   and f.name == "fill" for n in ast.walk(f)}
    for node in ast.walk(tree):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.JoinedStr) and _is_cypher(node):
            for part in node.values:
                if isinstance(part, ast.FormattedValue) and not _is_enum_member(part.value):
                    found.append(f"{where} f-string puts {ast.unparse(part.value)} into Cypher")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            sides = (node.left, node.right)
            if any(_is_cypher(s) or (_is_constant_name(s) and isinstance(node.op, ast.Add))
                   for s in sides) and not all(_is_cypher(s) for s in sides):
                found.append(f"{where} {type(node.op).__name__} joins a value to Cypher")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "format" and id(node) not in fill_bodies
              and (_is_cypher(node.func.value) or _is_constant_name(node.func.value))):
            found.append(f"{where} .format() fills Cypher outside fill()")
        if (adapter and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in SINKS):
            query = node.args[0] if node.args else None
            if query is not None and not _is_safe_query(query):
                found.append(f"{where} a query sink gets {ast.unparse(query)}")
    return found


def test_no_query_text_is_built_from_a_value_anywhere_in_the_project():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            found += violations(path.read_text(encoding="utf-8"), name,
                                adapter=name.startswith(ADAPTER))
    assert found == []


@pytest.mark.parametrize("source", [
    'tx.run(f"MATCH (o {{id: \'{org_id}\'}}) RETURN o")',
    'q = "MATCH (o:Organisation) WHERE o.name = \'%s\' RETURN o" % name',
    'q = "MATCH (o:Organisation) WHERE o.name = \'" + name + "\' RETURN o"',
    'q = cypher.SEARCH_PAGE.format(where=text)',
    'q = SEARCH_PAGE + where',
    'session.run(" ".join(["MATCH (n)", clause]))',
    'tx.run(template.replace("$x", value))',
])
def test_the_scan_catches_query_text_built_from_a_value(source):
    assert violations(source)


@pytest.mark.parametrize("source", [
    'tx.run(cypher.COUNT_LABEL, id=org_id)',
    'tx.run(fill(cypher.COUNT_LABEL, label=label), id=org_id)',
    'X = f"MATCH (a)-[:{RelType.LOCATED_IN.value}]->(b) RETURN a"',
    'raise InvalidGraphData(f"{label} {node_id} does not exist")',
])
def test_the_scan_lets_constants_allow_listed_names_and_messages_pass(source):
    assert violations(source) == []


def test_outside_the_adapter_a_call_named_run_is_no_query():
    assert violations("suite.run(build(config))", adapter=False) == []
    assert violations("suite.run(build(config))", adapter=True)


@pytest.mark.parametrize("names", [
    {"label": "Organisation`) DETACH DELETE n //"},
    {"type": "MEMBER_OF]->() DELETE r //"},
    {"prop": "id} RETURN 1 //"},
    {"where": "true OR 1=1"},
    {"hops": "1..99"},
])
def test_fill_refuses_a_name_outside_the_allow_lists(names):
    with pytest.raises(InvalidGraphData, match="is not an allowed"):
        fill(cypher.COUNT_LABEL, **names)
