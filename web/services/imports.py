"""Importing files in the generic format: all or nothing, errors naming file, line and field."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Mapping
from pathlib import Path

from graph_schema.errors import NotFound
from graph_schema.model import Label
from graph_schema.store import GraphStore
from seed_data.generic import COALITIONS, MEMBERSHIPS, ORGANISATIONS
from seed_data.loader import LoadReport, load_bundle
from seed_data.seed import build_import_bundle

FILES = (ORGANISATIONS, COALITIONS, MEMBERSHIPS)
# Members named in memberships.csv are looked up one by one; more than this is a bulk job.
MAX_KNOWN_LOOKUPS = 10_000


def import_generic(store: GraphStore, files: Mapping[str, bytes]) -> LoadReport:
    """Validate the files completely, then load them; a BundleError writes nothing.

    As `ppsmatch load --data`, the reference framework (regions, themes) comes along, so an
    import into an empty store works too.
    """
    with tempfile.TemporaryDirectory(prefix="ppsmatch-import-") as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        known = _members_in_store(store, files.get(MEMBERSHIPS, b""))
        bundle = build_import_bundle(folder, known_org_ids=known)
    return load_bundle(store, bundle)


def _members_in_store(store: GraphStore, memberships: bytes) -> set[str]:
    """Organisation ids of memberships.csv that already exist in the store.

    A file that cannot be read yields none: read_generic then reports its problems.
    """
    try:
        rows = csv.DictReader(io.StringIO(memberships.decode("utf-8-sig"), newline=""))
        wanted = {(row.get("organisation_id") or "").strip() for row in rows}
    except (UnicodeDecodeError, csv.Error):
        return set()
    found = set()
    for org_id in sorted(wanted - {""})[:MAX_KNOWN_LOOKUPS]:
        try:
            store.get_node(Label.ORGANISATION, org_id)
        except NotFound:
            continue
        found.add(org_id)
    return found
