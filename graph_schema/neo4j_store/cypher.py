"""Every Cypher statement of the Neo4j adapter, and the one function that fills in names.

Cypher lives in UPPER_SNAKE constants with $parameters. Labels, relationship types and
property names are filled in only by `fill`, which accepts the model's allow-lists.
"""

from __future__ import annotations

import re
from itertools import combinations

from graph_schema.errors import InvalidGraphData
from graph_schema.model import Label, RelType
from graph_schema.store import MAX_NEIGHBOURHOOD_DEPTH

META_LABEL = "GraphMeta"
ADAPTER_LABELS = frozenset({META_LABEL})  # labels of the adapter's own bookkeeping nodes
MODEL_LABELS = [label.value for label in Label]
MODEL_TYPES = [rel_type.value for rel_type in RelType]
_PROPERTY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

# --- Schema ----------------------------------------------------------------------------------
CREATE_UNIQUE = ("CREATE CONSTRAINT {name} IF NOT EXISTS "
                 "FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE")
CREATE_RANGE_INDEX = "CREATE RANGE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# --- Writes (every write transaction ends with BUMP_REVISION) ----------------------------------
# `wide_ids` records that some id has a character >= U+E000: only then can Neo4j's string order
# (UTF-16 units) differ from Python's (code points), and reads then sort in Python instead.
BUMP_REVISION = """
MERGE (m:{label} {{key: 'graph'}})
ON CREATE SET m.epoch = randomUUID(), m.revision = 0, m.wide_ids = false
SET m.revision = m.revision + 1,
    m.wide_ids = CASE WHEN $reset THEN false ELSE m.wide_ids OR $wide END
"""
# Node upserts look up which ids exist, then CREATE the absent ones and SET the others:
# per row, MERGE costs a locking index seek before the write, CREATE only the write (a
# quarter less server CPU for 100k organisations). A race with a concurrent creator of the
# same id ends in a ConstraintError, and the store then runs the chunk once more.
EXISTING_IDS = "UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN collect(n.id) AS ids"
CREATE_NODES = "UNWIND $rows AS row CREATE (n:{label}) SET n = row"
REPLACE_NODES = "UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row"
MISSING_ENDPOINTS = """
UNWIND $rows AS row
OPTIONAL MATCH (a:{source} {{id: row.source}})
OPTIONAL MATCH (b:{target} {{id: row.target}})
WITH row, a, b WHERE a IS NULL OR b IS NULL
RETURN [row.i, a IS NULL] AS first ORDER BY row.i LIMIT 1
"""
# One lean MERGE per type (its endpoint labels fixed): a row whose endpoint is missing
# matches nothing, so `merged` short of the rows sent tells the caller to look for it with
# MISSING_ENDPOINTS and raise, rolling the transaction back. Collecting the rows first and
# merging in a subquery (to merge nothing when one is missing) cost about a fifth more server
# CPU on a 100k load.
MERGE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:{source} {{id: row.source}})
MATCH (b:{target} {{id: row.target}})
MERGE (a)-[r:{type}]->(b)
SET r = row.props
RETURN count(*) AS merged
"""
DELETE_ORGANISATION = ("MATCH (o:{label} {{id: $id}}) WITH o, o.id AS id DETACH DELETE o "
                       "RETURN count(id) AS deleted")
# Relationships first, then the nodes, each in small transactions: detaching a batch of
# nodes that holds a Theme or Province deletes its tens of thousands of relationships in that
# one transaction, beyond the transaction memory of a 512m heap. DETACH for nodes linked in
# between.
DELETE_RELATIONSHIPS = "MATCH ()-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS"
DELETE_NODES = ("MATCH (n) WHERE NOT n:{meta} "
                "CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS")

# --- Reads -----------------------------------------------------------------------------------
# Large reads come as pages collected into one record each (a record costs the Python driver
# ~15 us, a list element far less), paged by key: the next page starts after the last id seen,
# found through the id's unique index, so no page rescans what earlier pages read (as SKIP did).
REVISION = "MATCH (m:{label} {{key: 'graph'}}) RETURN m.revision AS revision, m.epoch AS epoch"
WIDE_IDS = "OPTIONAL MATCH (m:{label} {{key: 'graph'}}) RETURN coalesce(m.wide_ids, false) AS wide"
GET_NODE = "MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS props LIMIT 1"
# One page of nodes of a label after $last: their properties when $nodes, and their outgoing
# relationships whose type is in $types, as [type, source id, target id, properties].
PAGE_BY_KEY = """
MATCH (a:{label}) WHERE a.id > $last
WITH a ORDER BY a.id LIMIT $page
WITH collect(a) AS page
RETURN size(page) AS count, page[-1].id AS last,
       CASE WHEN $nodes THEN [a IN page | properties(a)] ELSE [] END AS nodes,
       COLLECT {{
         UNWIND page AS a
         MATCH (a)-[r]->(b) WHERE type(r) IN $types
         RETURN [type(r), a.id, b.id, properties(r)]
       }} AS rels
"""
COUNT_LABEL = "MATCH (n:{label}) RETURN count(n) AS count"
COUNT_TYPE = "MATCH ()-[r:{type}]->() RETURN count(r) AS count"
COUNT_KINDS = "MATCH (o:{label}) RETURN o.kind AS kind, count(*) AS count"
COUNT_ORIGINS = ("MATCH (p:{label}) RETURN coalesce(p.synthetic, false) AS synthetic, "
                 "count(*) AS count")
SEARCH_PAGE = """
MATCH (o:Organisation) WHERE o.id IS NOT NULL AND {where}
WITH o ORDER BY o.id SKIP $offset LIMIT $limit
RETURN collect(properties(o)) AS rows
"""
SEARCH_ALL_IDS = "MATCH (o:Organisation) WHERE {where} RETURN collect(o.id) AS ids"
SEARCH_FILTERS = {
    "text": "toLower(o.name) CONTAINS $text",
    "kind": "o.kind = $kind",
    "synthetic": "o.synthetic = $synthetic",
    "theme": "EXISTS { (o)-[:WORKS_ON]->(:Theme {id: $theme}) }",
    # Located in one of the province's gemeenten, or operating in the province as a whole.
    "province": (f"(EXISTS {{ (o)-[:{RelType.LOCATED_IN.value}]->(:Municipality)"
                 f"-[:{RelType.PART_OF.value}]->(:Province {{id: $province}}) }} "
                 f"OR EXISTS {{ (o)-[:{RelType.OPERATES_IN.value}]->"
                 "(:Province {id: $province}) })"),
}
NODES_BY_IDS = ("UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                "RETURN collect(properties(n)) AS rows")
START_NODE = "MATCH (s:{label} {{id: $id}}) RETURN elementId(s) AS eid, properties(s) AS props"
# Nodes at exactly `hops` hops from the start and not seen yet, first $room by (label, id).
RING = """
MATCH (s) WHERE elementId(s) = $start
MATCH (s)-[*{hops}..{hops}]-(n) WHERE n <> s AND NOT elementId(n) IN $seen
WITH DISTINCT n, [l IN labels(n) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL
WITH n, label ORDER BY label, n.id LIMIT $room
RETURN collect([elementId(n), label, properties(n)]) AS rows
"""
# The search's WHERE: any conjunction of SEARCH_FILTERS in their order ("true" for none).
SEARCH_WHERE = frozenset(" AND ".join(SEARCH_FILTERS[key] for key in keys) or "true"
                         for size in range(len(SEARCH_FILTERS) + 1)
                         for keys in combinations(SEARCH_FILTERS, size))
# Texts `fill` puts in as they are, each only from its allow-list.
VERBATIM = {"where": SEARCH_WHERE,
            "hops": frozenset(str(d) for d in range(1, MAX_NEIGHBOURHOOD_DEPTH + 1))}
RELATIONSHIPS_AMONG = """
MATCH (a)-[r]->(b) WHERE elementId(a) IN $eids AND elementId(b) IN $eids AND type(r) IN $types
RETURN collect([type(r), a.id, b.id, properties(r)]) AS rows
"""


def fill(template: str, **names: str) -> str:
    """Fill a query template with names from the allow-lists only.

    `label`, `type`, `source`, `target`, `meta`: a model label or type; `prop`, `name`: a
    property or schema name; `where`: a conjunction of SEARCH_FILTERS; `hops`: a depth.
    """
    allowed = set(MODEL_LABELS) | set(MODEL_TYPES) | ADAPTER_LABELS
    quoted = {}
    for key, value in names.items():
        value = getattr(value, "value", value)
        if key in ("prop", "name"):
            ok = bool(_PROPERTY_NAME.match(value))
        elif key in VERBATIM:
            ok = value in VERBATIM[key]
        else:
            ok = value in allowed
        if not ok:
            raise InvalidGraphData(f"'{value}' is not an allowed {key} name")
        quoted[key] = value if key == "name" or key in VERBATIM else f"`{value}`"
    return template.format(**quoted)
