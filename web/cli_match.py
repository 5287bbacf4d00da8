"""`ppsmatch recommend`, `coalition check|build` and `evaluate`."""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path
from typing import Any

from graph_schema.model import OrgKind
from matcher.query import Filters, Mission
from matcher.weights import WEIGHTS_FILE
from web.cli_common import add_store_args, count, open_with_data, write_atomically
from web.config import Settings
from web.services import matching, missions, seeding
from web.services.read_model import build_read_model

KINDS = "mbo,hbo,wo,company,government,board,knowledge_institute,other"


def add_parsers(sub: argparse._SubParsersAction, env: Settings) -> None:
    """Add the matching commands."""
    rec = sub.add_parser("recommend", help="recommend partners for a mission")
    rec.add_argument("mission", help="the mission, free Dutch or English text")
    _mission_args(rec, env)
    rec.add_argument("--kinds", default="hbo,mbo,company", help=f"wanted kinds, of {KINDS}")
    rec.add_argument("--k", type=count, default=10, help="candidates per kind")
    rec.set_defaults(handler=_recommend)

    coalition = sub.add_parser("coalition", help="check or build a coalition")
    actions = coalition.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="which rules a coalition meets, what it misses")
    check.add_argument("ids", nargs="+", help="organisation ids in the coalition")
    check.add_argument("--mission", default="", help="the mission text")
    _mission_args(check, env)
    check.set_defaults(handler=_check)
    build = actions.add_parser("build", help="propose a complete coalition for a mission")
    build.add_argument("mission", help="the mission text")
    _mission_args(build, env)
    build.add_argument("--max-size", type=count, default=8, help="largest coalition")
    build.set_defaults(handler=_build)

    ev = sub.add_parser("evaluate", help="hide known members and measure the recommendations")
    add_store_args(ev, env)
    ev.add_argument("--data", metavar="DIR", help="a dataset in the generic import format")
    ev.add_argument("--split-year", type=int, help="coalitions from this year on are queries")
    ev.add_argument("--k", type=count, default=10)
    ev.add_argument("--ablate", action="store_true",
                    help="also rank with each of ppsmatch's components switched off in turn")
    ev.add_argument("--json", action="store_true", help="print JSON")
    ev.set_defaults(handler=_evaluate)

    weights = sub.add_parser("weights", help="learn ppsmatch's component weights")
    actions = weights.add_subparsers(dest="action", required=True)
    fit = actions.add_parser("fit", help="fit the weights on the known coalitions")
    add_store_args(fit, env)
    fit.add_argument("--data", metavar="DIR", action="append", default=[],
                     help="a dataset in the generic import format (repeatable; without it the "
                          "store is used)")
    fit.add_argument("--with-store", action="store_true",
                     help="fit on the store too, beside the --data sets")
    fit.add_argument("--real-only", action="store_true",
                     help="learn only from pps'en that are not synthetic")
    fit.add_argument("--split-year", type=int,
                     help="fit only on coalitions starting before this year")
    fit.add_argument("--out", metavar="FILE",
                     help=f"write the weights file here (ppsmatch reads {WEIGHTS_FILE.name})")
    fit.set_defaults(handler=_fit_weights)


def _mission_args(parser: argparse.ArgumentParser, env: Settings) -> None:
    add_store_args(parser, env)
    parser.add_argument("--province", default="", help="province name or CBS code (PVxx)")
    parser.add_argument("--themes", default="", help="theme ids, comma-separated")
    parser.add_argument("--with", dest="with_ids", action="append", default=[], metavar="ID",
                        help="a partner already in the coalition (repeatable)")
    parser.add_argument("--no-synthetic", action="store_true",
                        help="leave synthetic (generated) organisations out")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _mission(args: argparse.Namespace, text: str, with_ids: list[str]) -> Mission:
    return Mission(
        text=text,
        themes=tuple(_split(args.themes)),
        province=args.province,
        kinds=tuple(OrgKind(kind) for kind in _split(getattr(args, "kinds", ""))),
        with_ids=tuple(with_ids),
        k=getattr(args, "k", 10),
        filters=Filters(include_synthetic=not args.no_synthetic),
    )


def _split(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _run(args: argparse.Namespace, text: str, with_ids: list[str], use_case) -> dict[str, Any]:
    store = open_with_data(args)
    try:
        model = build_read_model(store)
        mission = missions.resolve_mission(model, _mission(args, text, with_ids))
        return use_case(model, mission).to_dict()
    finally:
        store.close()


def _recommend(args: argparse.Namespace) -> int:
    result = _run(args, args.mission, args.with_ids, matching.recommend)
    _emit(args, result, _recommendation_lines)
    return 0


def _check(args: argparse.Namespace) -> int:
    result = _run(args, args.mission, args.ids + args.with_ids, matching.check_coalition)
    _emit(args, result, _check_lines)
    return 0


def _build(args: argparse.Namespace) -> int:
    result = _run(args, args.mission, args.with_ids,
                  lambda model, mission: matching.build_coalition(model, mission, args.max_size))
    _emit(args, result, _proposal_lines)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    store = open_with_data(args) if not args.data else _imported(args.data)
    try:
        result = matching.evaluate(store, args.k, args.split_year, args.ablate)
    finally:
        store.close()
    _emit(args, result, _evaluation_lines)
    return 0


def _fit_weights(args: argparse.Namespace) -> int:
    use_store = args.with_store or not args.data
    stores = [_imported(folder) for folder in args.data]
    sources = list(args.data)
    try:
        if use_store:
            stores.append(open_with_data(args))
            seeded = f" (seed bundle, {args.companies} synthetic companies, seed {args.seed})"
            sources.append(args.store + (seeded if args.store == "memory://" else ""))
        result = matching.learn_weights(stores, args.split_year, args.real_only)
    finally:
        for store in stores:
            store.close()
    result["fitted_on"] = sources
    result["fitted_at"] = datetime.date.today().isoformat()
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_atomically(Path(args.out), text)
        print(f"wrote {args.out}: " + ", ".join(f"{c} {w:.3f}"
                                               for c, w in result["weights"].items()))
        print("queries: " + ", ".join(f"{src}: {n}" for src, n in
                                      zip(sources, result["queries"], strict=True)))
    else:
        print(text, end="")
    return 0


def _imported(folder: str):
    from graph_schema.factory import open_store

    store = open_store("memory://")
    seeding.import_folder(store, folder)
    return store


def _emit(args: argparse.Namespace, result: dict[str, Any], lines) -> None:
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print("\n".join(lines(result)))


def _candidate_lines(rank: int, cand: dict[str, Any]) -> list[str]:
    parts = " ".join(f"{k}={v:.2f}" for k, v in cand["breakdown"].items())
    out = [f"{rank:>3}. {cand['score']:.3f}  {cand['name']}  ({cand['id']})",
           f"       {parts}"]
    out += [f"       - {reason['text']}" for reason in cand["reasons"]]
    return out


def _recommendation_lines(result: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for kind, candidates in result["results"].items():
        out.append(f"== {kind} ==")
        for rank, cand in enumerate(candidates, 1):
            out += _candidate_lines(rank, cand)
    # The candidates for missing kinds are the lists above; only the rules are added.
    return out + _check_lines({**result["coalition"], "candidates_by_kind": {}})


def _check_lines(check: dict[str, Any]) -> list[str]:
    out = ["== coalitieregels =="]
    out += [f"  [{'x' if r['met'] else ' '}] {r['rule']}: {r['reason']}" for r in check["rules"]]
    out.append("ontbrekende soorten: " + (", ".join(check["missing_kinds"]) or "geen"))
    for kind, candidates in (check.get("candidates_by_kind") or {}).items():
        out.append(f"== kandidaten voor {kind} ==")
        for rank, cand in enumerate(candidates, 1):
            out += _candidate_lines(rank, cand)
    return out


def _proposal_lines(proposal: dict[str, Any]) -> list[str]:
    met = "ja" if proposal["all_met"] else "nee"
    out = [f"voorgestelde coalitie: {len(proposal['member_ids'])} partners, "
           f"themadekking {proposal['coverage']:.2f}, alle regels gehaald: {met}",
           "  " + ", ".join(proposal["member_ids"]), "== toegevoegd =="]
    for rank, cand in enumerate(proposal["added"], 1):
        out += _candidate_lines(rank, cand)
    return out + _check_lines({"rules": proposal["rules"], "missing_kinds": []})[:-1]


def _metric_lines(title: str, k: int, methods: dict[str, dict[str, float]]) -> list[str]:
    out = [f"{title:<18}{'Recall@' + str(k):>12}{'MRR':>10}{'nDCG@' + str(k):>10}"]
    for name, m in methods.items():
        out.append(f"{name:<18}{m['recall_at_k']:>12.4f}{m['mrr']:>10.4f}"
                   f"{m['ndcg_at_k']:>10.4f}")
    return out


def _evaluation_lines(result: dict[str, Any]) -> list[str]:
    k = result["k"]
    out = [f"queries: {result['queries']}   k = {k}"]
    out += _metric_lines("method", k, result["methods"])
    for learned in result["learned"]:
        out.append("learned without the measured queries: hybrid "
                   + ", ".join(f"{s} {w:.1f}" for s, w in learned["hybrid"].items()))
        weights = learned["ppsmatch"].items()
        out.append("  ppsmatch " + ", ".join(f"{c} {w:.3f}" for c, w in weights))
    for name, segment in result["segments"].items():
        out += ["", f"segment {name} ({segment['queries']} queries)"]
        out += _metric_lines("method", k, segment["methods"])
    if "ablation" in result:
        out += ["", "ablation (ppsmatch)"]
        out += _metric_lines("ppsmatch", k, {"all components": result["methods"]["ppsmatch"],
                                             **result["ablation"]})
    out.append(f"share of built coalitions meeting every rule: {result['rules_met_share']:.4f}")
    return out
