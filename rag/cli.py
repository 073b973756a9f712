"""`consensus-qa`: a thin command line over the public API."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Optional, Sequence

from rag.corpus import LANGS
from rag.errors import ConsensusError


class UserError(ConsensusError):
    """A mistake in what the user asked for."""


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _settings(args: argparse.Namespace):
    from rag.settings import Settings
    names = ("embedder", "cache_dir", "k", "backend", "model", "openai_base_url", "host", "port",
             "share", "max_tokens", "gen_timeout_s", "scope_threshold", "lexical", "audit_log")
    return Settings.load({n: getattr(args, n) for n in names if hasattr(args, n)})


# --- subcommands -------------------------------------------------------------------------

def cmd_clauses(args: argparse.Namespace) -> int:
    from rag.corpus import load_corpus, records
    for rec in records(load_corpus(), lang=args.lang, kind=args.kind):
        _print_json(rec)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="consensus-qa",
        description="Ask the Beijing Consensus on AI and Education (UNESCO, 2019) in "
                    "English, French, Spanish, Russian, Chinese or Arabic.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("clauses", help="print the parsed clauses, headings and lead-ins as JSON Lines",
                       description="Print the official texts as JSON Lines: "
                                   '{"lang","clause","section","text","kind"}.')
    c.add_argument("--lang", choices=LANGS, help="only this language")
    c.add_argument("--kind", choices=("clause", "heading", "lead_in"), help="only this kind of record")
    c.set_defaults(func=cmd_clauses)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # one clear line, never a traceback (CQA_DEBUG=1 shows it)
        if os.environ.get("CQA_DEBUG"):
            raise
        known = isinstance(e, ConsensusError)
        prefix = "error" if known else f"internal error ({type(e).__name__})"
        print(f"consensus-qa: {prefix}: {e}", file=sys.stderr)
        return 2 if known else 1


if __name__ == "__main__":
    sys.exit(main())
