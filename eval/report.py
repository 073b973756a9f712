"""Plain-text tables for `consensus-qa eval` reports."""
from __future__ import annotations


def _fmt(v) -> str:
    return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = lambda r: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]])


def _agreement_lines(r: dict) -> list[str]:
    """Evidence agreement (cited clause sets across languages), when answers were scored."""
    if r.get("evidence_agreement") is None:
        return []
    out = [f"evidence agreement (mean pairwise Jaccard of the cited clauses across languages) "
           f"{_fmt(r['evidence_agreement'])}; same cited clauses in every language {_fmt(r['evidence_identical'])}"]
    if r.get("disagreeing_groups"):
        out.append("disagreeing: " + "; ".join(
            f"{g} " + " ".join(f"{lang}:{','.join(map(str, cs)) or '-'}" for lang, cs in ls.items())
            for g, ls in r["disagreeing_groups"].items()))
    return out


def format_report(rep: dict) -> str:
    out = []
    if "retrieval" in rep:
        r = rep["retrieval"]
        keys = ["n", "recall@1", "recall@3", "recall@5", "mrr", "scope_accuracy", "language_match"]
        rows = [["overall"] + [r["overall"].get(k) for k in keys]]
        rows += [[lang] + [b.get(k) for k in keys] for lang, b in r["by_lang"].items()]
        out.append("Retrieval\n" + table(["lang"] + keys, rows))
        out.append(f"lookup accuracy {_fmt(r['lookup_accuracy'])}; language detection "
                   f"{_fmt(r['language_detection_accuracy'])}; latency p50 {rep['latency_ms']['p50']} ms, "
                   f"p95 {rep['latency_ms']['p95']} ms")
        if r.get("n_groups"):
            split = "; ".join(f"{g} " + " ".join(f"{lang}:{n}" for lang, n in tl.items())
                              for g, tl in r["split_groups"].items())
            out.append(f"consistency (same top clause in every language) {_fmt(r['consistency'])} over "
                       f"{r['n_groups']} parallel groups" + (f"; split: {split}" if split else ""))
            out += _agreement_lines(r)
        if r["failures"]:
            out.append("misses (gold not first, or wrong scope): " +
                       ", ".join(f"{f['id']}{'' if f['rank'] is None else '@' + str(f['rank'])}" for f in r["failures"]))
    if "alignment" in rep:
        a = rep["alignment"]
        out.append(f"\nAlignment top-1 (language-centered): mean {a['mean']:.3f}, min {a['min']:.3f}; "
                   f"raw cosine: mean {a['raw']['mean']:.3f}, min {a['raw']['min']:.3f}\n" +
                   "  ".join(f"{p} {v:.2f}" for p, v in a["pairs"].items()))
    if "answers" in rep:
        a = rep["answers"]
        keys = ["n", "citation_precision", "citation_recall", "language_match", "refusal_accuracy",
                "false_refusal_rate", "fallback_rate"]
        rows = [["overall"] + [a["overall"][k] for k in keys] + [a["overall"]["latency_ms"]["p50"]]]
        rows += [[lang] + [b[k] for k in keys] + [b["latency_ms"]["p50"]] for lang, b in a["by_lang"].items()]
        out.append(f"\nAnswers ({rep.get('backend', '?')})\n" + table(["lang"] + keys + ["p50 ms"], rows))
        kinds = [k for k in KIND_KEYS if a["overall"].get(k) is not None]
        if kinds:
            rows = [["overall"] + [a["overall"][k] for k in kinds]]
            rows += [[lang] + [b.get(k) for k in kinds] for lang, b in a["by_lang"].items()]
            out.append("\nAnswer kinds\n" + table(["lang"] + kinds, rows))
            out.append("first lines: " + ", ".join(f"{k} {v}" for k, v in sorted(a["overall"]["leads"].items())))
    return "\n".join(out)


# --- Markdown report with charts (consensus-qa eval --report DIR) ------------------------------------

RETRIEVAL_BARS = (("recall@1", "R@1"), ("recall@5", "R@5"), ("mrr", "MRR"))
# The answer-kind metrics (eval/harness.py: _kind_block), shown where the question set has those kinds.
KIND_KEYS = ("direct_rate", "verdict_precision", "verdict_coverage", "wrong_verdicts", "premise_corrected",
             "not_mentioned_accuracy", "false_not_mentioned", "multi_clause_recall", "multi_clause_precision")
ANSWER_BARS = (("citation_precision", "citation precision"), ("clause_recall", "clause recall"),
               ("gist_rate", "gist rate"), ("language_match", "language match"))


def _bars(ax, labels: list[str], series: list[tuple[str, list]], title: str, ylim=(0, 1.18)) -> None:
    """Grouped bars: one group per label (language), one bar per series."""
    import numpy as np
    x = np.arange(len(labels))
    width = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series):
        vals = [float("nan") if v is None else v for v in values]
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * width, vals, width, label=name)
        ax.bar_label(bars, labels=["" if v is None else (f"{v:.2f}" if v <= 1.5 else f"{v:.0f}") for v in values],
                     fontsize=6, padding=1)
    ax.set_xticks(x, labels)
    ax.set_title(title, fontsize=10)
    if ylim:
        ax.set_ylim(*ylim)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7, loc="upper center", ncol=len(series), frameon=False)


def _langs(block: dict) -> list[str]:
    return [lang for lang in block["by_lang"]]


def write_report(folder, reports: dict[str, dict]) -> list:
    """Write report.md and per-language bar charts (retrieval.png; answers.png when answers were scored)
    for {set name: `consensus-qa eval --json` report}; returns the paths written."""
    from pathlib import Path

    import matplotlib
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    names = list(reports)
    fig, axes = plt.subplots(1, len(names), figsize=(6.5 * len(names), 3.8), squeeze=False)
    for ax, name in zip(axes[0], names):
        r = reports[name]["retrieval"]
        langs = _langs(r)
        series = [(label, [r["by_lang"][lang][key] for lang in langs] + [r["overall"][key]])
                  for key, label in RETRIEVAL_BARS]
        cons = f", consistency {r['consistency']:.2f} ({r['n_groups']} groups)" if r.get("n_groups") else ""
        if r.get("evidence_agreement") is not None:
            cons += f", evidence agreement {r['evidence_agreement']:.2f}"
        _bars(ax, langs + ["all"], series, f"{name}: retrieval by language{cons}")
    fig.tight_layout()
    fig.savefig(folder / "retrieval.png", dpi=120)
    plt.close(fig)
    written.append(folder / "retrieval.png")

    answered = [n for n in names if "answers" in reports[n]]
    if answered:
        fig, axes = plt.subplots(2, len(answered), figsize=(6.5 * len(answered), 7), squeeze=False)
        for col, name in enumerate(answered):
            a = reports[name]["answers"]
            langs = _langs(a)
            keys = [(k, label) for k, label in ANSWER_BARS if a["overall"].get(k) is not None]
            series = [(label, [a["by_lang"][lang].get(k) for lang in langs] + [a["overall"][k]]) for k, label in keys]
            _bars(axes[0][col], langs + ["all"], series, f"{name}: answers by language ({reports[name].get('backend', '?')})")
            timing = [(f"{what} p50 ms", [a["by_lang"][lang].get(what, {}).get("p50") for lang in langs]
                       + [a["overall"].get(what, {}).get("p50")]) for what in ("first_text_ms", "latency_ms")
                      if isinstance(a["overall"].get(what), dict)]
            _bars(axes[1][col], langs + ["all"], timing, f"{name}: answer latency by language", ylim=None)
        fig.tight_layout()
        fig.savefig(folder / "answers.png", dpi=120)
        plt.close(fig)
        written.append(folder / "answers.png")

    md = folder / "report.md"
    md.write_text(_markdown(reports, [p.name for p in written]), encoding="utf-8")
    return [md] + written


def _md_table(header: list[str], rows: list[list]) -> str:
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                     + ["| " + " | ".join(_fmt(c) for c in r) + " |" for r in rows])


def _markdown(reports: dict[str, dict], images: list[str]) -> str:
    out = ["# consensus-qa evaluation", ""]
    out += [f"![{img.split('.')[0]}]({img})" for img in images] + [""]
    for name, rep in reports.items():
        r = rep["retrieval"]
        keys = ["n", "recall@1", "recall@5", "mrr", "scope_accuracy", "language_match"]
        rows = [[lang] + [b.get(k) for k in keys] for lang, b in r["by_lang"].items()]
        rows.append(["all"] + [r["overall"].get(k) for k in keys])
        out += [f"## {name}: retrieval", "", _md_table(["lang"] + keys, rows), ""]
        if r.get("n_groups"):
            out.append(f"Consistency (same top clause in every language): **{_fmt(r['consistency'])}** over "
                       f"{r['n_groups']} parallel groups.")
            if r["split_groups"]:
                out.append("Split groups: " + "; ".join(
                    f"{g} (" + ", ".join(f"{lang} {n}" for lang, n in tl.items()) + ")"
                    for g, tl in r["split_groups"].items()) + ".")
            out += [line + "." for line in _agreement_lines(r)]
        out += [f"Lookup accuracy {_fmt(r['lookup_accuracy'])}, language detection "
                f"{_fmt(r['language_detection_accuracy'])}, query latency p50 {rep['latency_ms']['p50']} ms, "
                f"p95 {rep['latency_ms']['p95']} ms.", ""]
        if "answers" in rep:
            a = rep["answers"]
            keys = [k for k in ("n", "citation_precision", "citation_recall", "clause_recall", "gist_rate",
                                "language_match", "refusal_accuracy", "false_refusal_rate") if k in a["overall"]]
            timing = [t for t in ("first_text_ms", "latency_ms") if isinstance(a["overall"].get(t), dict)]
            rows = [[lang] + [b.get(k) for k in keys] + [b[t]["p50"] for t in timing] for lang, b in a["by_lang"].items()]
            rows.append(["all"] + [a["overall"].get(k) for k in keys] + [a["overall"][t]["p50"] for t in timing])
            out += [f"## {name}: answers ({rep.get('backend', '?')})", "",
                    _md_table(["lang"] + keys + [f"{t} p50" for t in timing], rows), ""]
            kinds = [k for k in KIND_KEYS if a["overall"].get(k) is not None]
            if kinds:
                rows = [[lang] + [b.get(k) for k in kinds] for lang, b in a["by_lang"].items()]
                rows.append(["all"] + [a["overall"].get(k) for k in kinds])
                out += [f"## {name}: answer kinds", "", _md_table(["lang"] + kinds, rows), ""]
    return "\n".join(out)
