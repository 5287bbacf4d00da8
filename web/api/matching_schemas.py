"""Schemas of the matching endpoints: the mission, candidates, coalition checks and proposals."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web.api.schemas import (
    KINDS,
    JsonBoolean,
    JsonInteger,
    Rounded,
    id_field,
    kind_field,
    text_field,
)

MAX_K = 50


def _ids(max_items: int, description: str, **kwargs) -> fields.List:
    return fields.List(id_field(), load_default=list, validate=validate.Length(max=max_items),
                       metadata={"description": description}, **kwargs)


class FiltersSchema(Schema):
    """Which candidates may be proposed; empty fields do not filter."""

    province = text_field(100, metadata={"description": "only candidates located in this "
                                                        "province (name or PVxx)"})
    size_classes = fields.List(text_field(20), load_default=list,
                               validate=validate.Length(max=10),
                               metadata={"description": "company size classes, e.g. 10-49"})
    subtypes = fields.List(text_field(50), load_default=list, validate=validate.Length(max=10),
                           metadata={"description": "organisation subtypes, e.g. gemeente"})
    include_synthetic = JsonBoolean(load_default=True)


class MissionSchema(Schema):
    """A mission: text and/or themes, a province or gemeenten, wanted kinds, partners so far."""

    mission = text_field(5000, metadata={"description": "free Dutch or English text"})
    themes = _ids(20, "theme ids")
    province = text_field(100, metadata={"description": "province name or PVxx code"})
    gemeenten = _ids(50, "gemeente codes (GMxxxx)")
    kinds = fields.List(kind_field(), load_default=list, validate=validate.Length(max=8),
                        metadata={"description": "wanted partner kinds (default: hbo, mbo, "
                                                 "company, government)"})
    # `with` is a Python keyword: the attribute is with_ids, the JSON key is "with".
    with_ids = _ids(50, "organisation ids already in the coalition", data_key="with")
    k = JsonInteger(load_default=10, validate=validate.Range(1, MAX_K),
                       metadata={"description": "candidates per kind"})
    filters = fields.Nested(FiltersSchema, load_default=lambda: FiltersSchema().load({}))


class BuildSchema(MissionSchema):
    """A mission for the coalition builder, with the largest coalition size."""

    max_size = JsonInteger(load_default=8, validate=validate.Range(2, 20))


class WhatIfSchema(MissionSchema):
    """A coalition (`with`) and the partners to add to it or remove from it."""

    add = _ids(20, "organisation ids to add")
    remove = _ids(20, "organisation ids to remove (must be in `with`)")


class ReasonSchema(Schema):
    """A stable reason code with its evidence in Dutch."""

    code = fields.String()
    text = fields.String()


class CandidateSchema(Schema):
    """A proposed partner: score in [0, 1], its breakdown and the reasons."""

    id = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    score = fields.Float()
    breakdown = fields.Dict(keys=fields.String(), values=fields.Float())
    reasons = fields.List(fields.Nested(ReasonSchema))
    synthetic = fields.Boolean()


def _by_kind() -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(CandidateSchema)))


class RuleSchema(Schema):
    """One coalition rule, met or not, with the reason in Dutch."""

    rule = fields.String()
    met = fields.Boolean()
    reason = fields.String()


class CoalitionCheckSchema(Schema):
    """The rules, the missing required kinds and the best candidates for each."""

    rules = fields.List(fields.Nested(RuleSchema))
    missing_kinds = fields.List(fields.String())
    candidates_by_kind = _by_kind()


class RecommendationsSchema(Schema):
    """Ranked candidates per kind and the check of the coalition `with` (maybe still empty)."""

    results = _by_kind()
    mission_themes = fields.List(fields.String())
    coalition = fields.Nested(CoalitionCheckSchema, required=True)


class ProposalSchema(Schema):
    """A proposed coalition: members (given + added), rules and theme coverage."""

    member_ids = fields.List(fields.String())
    added = fields.List(fields.Nested(CandidateSchema))
    rules = fields.List(fields.Nested(RuleSchema))
    coverage = Rounded(4)
    all_met = fields.Boolean()


class StateSchema(Schema):
    """Rules met and theme coverage of one coalition."""

    rules_met = fields.Integer()
    coverage = fields.Float()


class ChangedRuleSchema(Schema):
    """A rule whose outcome changes."""

    rule = fields.String()
    before = fields.Boolean()
    after = fields.Boolean()
    reason = fields.String()


class WhatIfResultSchema(Schema):
    """Before, after and the difference; the rules that change; the members after."""

    before = fields.Nested(StateSchema)
    after = fields.Nested(StateSchema)
    delta = fields.Nested(StateSchema)
    changed_rules = fields.List(fields.Nested(ChangedRuleSchema))
    member_ids = fields.List(fields.String())
