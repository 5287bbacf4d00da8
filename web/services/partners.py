"""The partners of an organisation: the other members of the pps'en it is a member of."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from web.services.read_model import ReadModel


@dataclass(frozen=True, slots=True)
class Partner:
    """A fellow member, and the names of the pps'en shared with it."""

    id: str
    name: str
    kind: str
    synthetic: bool
    shared: tuple[str, ...]


def partners_of(model: ReadModel, org_id: str) -> tuple[Partner, ...]:
    """Fellow members of the organisation's pps'en, most shared pps'en first, then by name."""
    members: dict[str, set[str]] = defaultdict(set)
    for rel in model.memberships:
        members[rel.target].add(rel.source)
    pps_names = {p.id: p.name for p in model.pps.ppses}
    shared: dict[str, list[str]] = defaultdict(list)
    for pps_id, ids in members.items():
        if org_id in ids:
            for other in ids - {org_id}:
                shared[other].append(pps_names.get(pps_id, pps_id))
    index = model.index
    found = [Partner(o.id, o.name, o.kind.value, o.synthetic, tuple(sorted(names)))
             for o, names in ((index.orgs[index.org_pos[i]], names) for i, names in shared.items())]
    return tuple(sorted(found, key=lambda p: (-len(p.shared), p.name, p.id)))
