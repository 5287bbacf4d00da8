"""`ppsmatch token create|list|revoke`: API tokens, stored hashed in the tokens file."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from web.auth import ROLES, TokenFile, default_tokens_file
from web.config import Settings


def add_parser(sub: argparse._SubParsersAction, env: Settings) -> None:
    """Add the `token` command and its subcommands."""
    token = sub.add_parser("token", help="create, list or revoke API tokens")
    token.add_argument("--file", default=env.tokens_file or str(default_tokens_file()),
                       help="the tokens file (env PPSMATCH_TOKENS_FILE)")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a token and print it once")
    create.add_argument("--name", required=True, help="who or what uses the token")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--expires-days", type=positive_days, metavar="N",
                        help="the token stops working N days from now (default: never)")
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", help="list tokens (never their secrets)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)
    revoke = actions.add_parser("revoke", help="delete a token by id or name")
    revoke.add_argument("token", help="the token's id or name")
    revoke.set_defaults(handler=_revoke)


def positive_days(raw: str) -> float:
    """A number of days > 0 (argparse type)."""
    days = float(raw)
    if not days > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 days: {raw}")
    return days


def _create(args: argparse.Namespace) -> int:
    valid_for = timedelta(days=args.expires_days) if args.expires_days else None
    record, token = TokenFile(Path(args.file)).create(args.name, args.role, valid_for)
    print(token)
    until = f", expires {record.expires}" if record.expires else ""
    print(f"token {record.id} ({record.name}, role {record.role}{until}) stored hashed in "
          f"{args.file}; it is shown only this once", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    records = [r.public() for r in TokenFile(Path(args.file)).list()]
    if args.json:
        print(json.dumps(records, indent=2))
        return 0
    for r in records:
        until = f"  expires {r['expires']}" if r["expires"] else ""
        print(f"{r['id']}  {r['role']:<7} {r['created']}  {r['name']}{until}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    record = TokenFile(Path(args.file)).revoke(args.token)
    print(f"revoked token {record.id} ({record.name})")
    return 0
