"""Plain-text tables for `consensus-qa eval` reports."""
from __future__ import annotations


def _fmt(v) -> str:
    return "-" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = lambda r: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]])


def format_report(rep: dict) -> str:
    out = []
    if "retrieval" in rep:
        r = rep["retrieval"]
        keys = ["n", "recall@1", "recall@3", "recall@5", "mrr", "scope_accuracy"]
        rows = [["overall"] + [r["overall"][k] for k in keys]]
        rows += [[lang] + [b[k] for k in keys] for lang, b in r["by_lang"].items()]
        out.append("Retrieval\n" + table(["lang"] + keys, rows))
        out.append(f"lookup accuracy {_fmt(r['lookup_accuracy'])}; language detection "
                   f"{_fmt(r['language_detection_accuracy'])}; latency p50 {rep['latency_ms']['p50']} ms, "
                   f"p95 {rep['latency_ms']['p95']} ms")
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
    return "\n".join(out)
