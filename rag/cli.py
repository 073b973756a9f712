"""`consensus-qa`: a thin command line over the public API."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

from rag.corpus import LANGS
from rag.errors import ConsensusError


class UserError(ConsensusError):
    """A mistake in what the user asked for."""


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _settings(args: argparse.Namespace):
    """Every setting: defaults < CQA_* environment < the flags given (a flag not given is absent from args)."""
    from rag.settings import Settings
    return Settings.load({n: getattr(args, n) for n in Settings.model_fields if hasattr(args, n)})


def _add_settings(sp: argparse.ArgumentParser) -> None:
    """One flag per setting, made from rag/settings.py: --cache-dir, --k, --summary on|off … A flag that is not
    given leaves the environment's value (argparse.SUPPRESS: no default to override it)."""
    from rag.settings import Settings, env_name, flag_name
    g = sp.add_argument_group("settings", "each also set by its environment variable; a flag wins (README: "
                                          "Configuration)")
    for name, field in Settings.model_fields.items():
        on_off = "bool" in str(field.annotation)
        g.add_argument(flag_name(name), dest=name, default=argparse.SUPPRESS,
                       metavar="on|off" if on_off else name.upper(), nargs="?" if on_off else None,
                       const="on" if on_off else None,
                       help=f"{field.description} ({env_name(name)})".replace("%", "%%"))


# --- subcommands -------------------------------------------------------------------------

def cmd_clauses(args: argparse.Namespace) -> int:
    from rag.corpus import load_corpus, records
    for rec in records(load_corpus(), lang=args.lang, kind=args.kind):
        _print_json(rec)
    return 0


def _retriever(args: argparse.Namespace):
    from rag.retrieve import Retriever
    return Retriever(_settings(args))


def cmd_index(args: argparse.Namespace) -> int:
    """Everything a start would otherwise build: the indexes (clauses, sentences, scope) and the bundled model."""
    import time
    r = _retriever(args)
    t0 = time.perf_counter()
    idx = r.rebuild() if args.rebuild else r.index
    m = idx.manifest
    print(f"index {idx.status}: {m['n_passages']} passages, dim {m['dim']}, embedder {m['embedder']}, "
          f"built {m['built_at']} ({m['build_seconds']} s), {time.perf_counter() - t0:.1f} s now, "
          f"in {r.settings.cache_path / 'index'}")
    t0 = time.perf_counter()
    r.warm()  # the second embedder's index, the sentence indexes and the scope prototypes, cached alike
    print(f"sentence and scope indexes ready ({time.perf_counter() - t0:.1f} s)")
    s = r.settings
    if s.backend == "llama-cpp" and not s.model:
        from rag.models import bundled_gguf
        t0 = time.perf_counter()
        path = bundled_gguf(s.cache_path)  # assembled from its packages once, checked against its sha256
        print(f"model ready: {path} ({path.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t0:.1f} s)")
    return 0


def _question(text: str, max_chars: int) -> str:
    from rag.question import clean_question
    return clean_question(text, max_chars)


def cmd_search(args: argparse.Namespace) -> int:
    r = _retriever(args)
    res = r.run(_question(args.question, r.settings.max_question_chars))
    if args.json:
        _print_json({"query_lang": res.query_lang, "in_scope": res.in_scope,
                     "hits": [{"clause": h.clause, "score": h.score, "section": h.section, "lang": h.lang,
                               "text": h.text} for h in res.hits],
                     "detected_lang": res.detected_lang, "notes": list(res.notes), "timings_ms": res.timings_ms})
        return 0
    missing = ", ".join(map(str, res.missing))
    scope = ("in scope" if res.in_scope else f"no clause {missing} (the Consensus has 44 clauses)" if res.missing
             else "OUT OF SCOPE (the Consensus does not seem to cover this)")
    print(f"[{res.query_lang}] {scope}; {res.timings_ms['retrieval']:.0f} ms" +
          (f"; notes: {', '.join(res.notes)}" if res.notes else ""))
    for h in res.hits:
        print(f"\n{h.clause:>2}  ({h.score:.3f})  {h.section or ''}\n    {h.text}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from rag import i18n
    from rag.answer import Answer, Answerer
    from rag.models import ModelError
    from rag.service import GenerationService
    from rag.settings import SettingsError
    settings = _settings(args)
    # One question: the model runs in this process (a worker would cost its start-up); CQA_WORKER=on overrides.
    service = GenerationService(settings, worker=False)
    unavailable = False
    try:
        if settings.summary:
            service.check()
    except (ModelError, SettingsError) as e:  # the official text needs no model: answer with it, say what to fix
        print(f"consensus-qa: warning: {e}; answering from the official text only", file=sys.stderr)
        settings, unavailable = settings.replace(backend="extractive"), True
        service = GenerationService(settings)
    answerer = Answerer(settings, service=service)
    final: Optional[Answer] = None
    tty = not args.json and sys.stdout.isatty()
    shown = False
    for ev in answerer.stream(args.question, lang=args.lang):
        if not isinstance(ev, Answer):
            continue  # the model's unchecked draft is never shown
        if ev.pending and tty:  # the evidence at once; the checked gist (if any) follows
            print(ev.text, flush=True)
            shown = True
        final = ev
    assert final is not None
    if unavailable and not final.refused:
        final = replace(final, notices=(i18n.t("notice_unavailable", final.lang), *final.notices))
    if args.json:
        _print_json(final.to_json())
        return 0
    if not shown:
        print(final.text)
    elif final.gist:  # the evidence is on screen already: the summary that was checked against it
        print(f"\n{final.text.splitlines()[0]}")
    for notice in final.notices:
        print(f"\n({notice})")
    t = final.timings_ms
    if tty:
        print(f"\n-- route: {final.route}, backend: {final.backend}, retrieval {t.get('retrieval')} ms, first text "
              f"{t.get('first_text')} ms, gist {t.get('gist')} ms, total {t.get('total')} ms", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import threading

    from rag.answer import Answerer
    settings = _settings(args)
    answerer = Answerer(settings)
    if answerer.summaries:
        answerer.service.check()  # a bad model setting stops here, in one line naming it (not once per question)
    settings.check_cache_writable()  # and so does a cache folder that cannot be written
    # The model (in its worker process) and the indexes start loading now, while the web framework is imported:
    # seconds sooner ready on a small machine. The app's own warm-up then finds them loaded.
    if answerer.summaries:
        answerer.service.start(wait=False)
    threading.Thread(target=_preload, args=(answerer,), name="cqa-preload", daemon=True).start()
    from ui.app import serve
    serve(settings, answerer)
    return 0


def _preload(answerer) -> None:
    try:
        answerer.retriever.warm()
    except Exception:  # the app's warm-up meets the same error and shows it
        pass


def cmd_eval(args: argparse.Namespace) -> int:
    from eval import harness
    if args.report and Path(args.report).exists() and not Path(args.report).is_dir():
        raise ConsensusError(f"--report needs a folder, and {args.report} is a file")
    r = _retriever(args)
    report: dict = {}
    if args.alignment:
        report["alignment"] = harness.alignment(r)
    answerer = None

    def evaluate(questions) -> dict:
        nonlocal answerer
        rep = harness.evaluate_retrieval(r, questions, k=r.settings.k)
        if args.answers:
            from rag.answer import Answerer
            answerer = answerer or Answerer(r.settings, retriever=r)
            rep.update(harness.evaluate_answers(answerer.stream, questions))
            harness.add_evidence_agreement(rep)
            rep["backend"] = answerer.backend_name
        return rep

    if args.report:  # dev and holdout (or the --questions file), with per-language charts
        from eval.report import write_report
        paths = [args.questions] if args.questions else [harness.dev_set_path(), harness.holdout_set_path()]
        sets = {Path(p).stem: evaluate(harness.load_questions(p)) for p in paths}
        files = write_report(args.report, sets)
        if args.json:
            _print_json({**report, "sets": sets, "files": [str(f) for f in files]})
        else:
            print(f"wrote {', '.join(str(f) for f in files)}")
        return 0
    questions = harness.load_questions(args.questions) if (args.questions or not args.alignment) else []
    if questions:
        report.update(evaluate(questions))
    if args.json:
        _print_json(report)
    else:
        from eval.report import format_report
        print(format_report(report))
    return 0


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error (no usage block; --help shows it)."""

    def error(self, message: str):
        self.exit(2, f"consensus-qa: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
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

    i = sub.add_parser("index", help="build (or reuse) the indexes and the bundled model, and report what was done")
    i.add_argument("--rebuild", action="store_true", help="rebuild even if the cached index is valid")
    _add_settings(i)
    i.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="retrieve the clauses that answer a question")
    s.add_argument("question")
    s.add_argument("--json", action="store_true", help="print JSON")
    _add_settings(s)
    s.set_defaults(func=cmd_search)

    a = sub.add_parser("ask", help="answer a question with cited clauses")
    a.add_argument("question")
    a.add_argument("--lang", choices=LANGS, help="answer language (default: the question's)")
    a.add_argument("--json", action="store_true", help="print JSON")
    _add_settings(a)
    a.set_defaults(func=cmd_ask)

    v = sub.add_parser("serve", help="start the web chat (Gradio) on 127.0.0.1:7860")
    _add_settings(v)
    v.set_defaults(func=cmd_serve)

    e = sub.add_parser("eval", help="evaluate retrieval (and answers) on a question file")
    e.add_argument("--questions", help="JSON Lines question file (default: the packaged dev set)")
    e.add_argument("--alignment", action="store_true", help="cross-lingual alignment check over all language pairs")
    e.add_argument("--answers", action="store_true", help="also generate answers and score citations")
    e.add_argument("--json", action="store_true", help="print JSON")
    e.add_argument("--report", metavar="DIR", help="write DIR/report.md with per-language bar charts (PNG) for "
                   "dev and holdout (or the --questions file)")
    _add_settings(e)
    e.set_defaults(func=cmd_eval)
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
