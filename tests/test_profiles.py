"""One LanguageProfile per language: complete, required field by field, and the only source of the old tables."""
import dataclasses
import re
from pathlib import Path

import pytest

from rag import corpus, direct, followup, kinds, lexical, mention, scope, verify
from rag import profiles as profiles_module
from rag.corpus import LANGS
from rag.profiles import PROFILES, FrameKind, LanguageProfile, _check, table
from rag.verify import frame_kind, kind_of_opening, opening


def test_every_language_has_a_profile():
    assert set(PROFILES) == set(LANGS)
    for code, profile in PROFILES.items():
        assert isinstance(profile, LanguageProfile) and profile.code == code


def test_every_field_is_set():
    for code, profile in PROFILES.items():
        for field in dataclasses.fields(profile):
            assert getattr(profile, field.name) is not None, (code, field.name)
        assert set(profile.frames) == set(FrameKind), code
        assert set(profile.verdict_words) == {"yes", "no"}, code


def test_no_field_has_a_default():
    for field in dataclasses.fields(LanguageProfile):
        assert field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING, field.name


def test_a_profile_without_a_field_fails():
    values = {f.name: getattr(PROFILES["en"], f.name) for f in dataclasses.fields(LanguageProfile)}
    LanguageProfile(**values)  # complete: builds
    for name in ("negation", "frames", "cjk"):
        partial = {k: v for k, v in values.items() if k != name}
        with pytest.raises(TypeError, match=name):
            LanguageProfile(**partial)


def test_profiles_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROFILES["en"].negation = "x"  # type: ignore[misc]


def test_completeness_check_catches_a_missing_language_or_field():
    _check(PROFILES)
    with pytest.raises(ImportError, match="LANGS"):
        _check({k: v for k, v in PROFILES.items() if k != "ar"})
    with pytest.raises(ImportError, match="negation"):
        _check({**PROFILES, "fr": dataclasses.replace(PROFILES["fr"], negation=None)})
    frames = {k: v for k, v in PROFILES["es"].frames.items() if k != FrameKind.INVITES}
    with pytest.raises(ImportError, match="frame"):
        _check({**PROFILES, "es": dataclasses.replace(PROFILES["es"], frames=frames)})


def test_every_cue_compiles():
    for code, profile in PROFILES.items():
        for name in ("negation", "strong_negation", "awareness", "need", "modal", "accomplished", "hedge",
                     "yes_no_question", "wh_question", "why", "restrictive", "prohibit", "harms", "counter",
                     "keep_in_view", "endorse", "ai", "separators", "fact", "numeric", "asked", "about",
                     *(name for name in ("subject_clitic", "subject_verb", "detect_article", "accents", "clause_words",
                                         "follow_up", "follow_up_proclitic") if getattr(profile, name))):
            re.compile(getattr(profile, name), re.I)


def test_every_choice_names_something_that_exists():
    for code, profile in PROFILES.items():
        assert profile.tokenizer in lexical.TOKENIZERS, code
        assert corpus.dominant_script(profile.preamble) == profile.script, code  # a script rag.corpus knows
        assert len(profile.quotes) == 2 and len(profile.brackets) == 2 and profile.ellipsis, code


@pytest.mark.parametrize("module, name, field", [
    (verify, "NEGATION", "negation"), (verify, "STRONG_NEGATION", "strong_negation"),
    (verify, "AWARENESS", "awareness"), (verify, "MODAL", "modal"), (verify, "ACCOMPLISHED", "accomplished"),
    (verify, "YES_NO_QUESTION", "yes_no_question"), (verify, "_WH", "wh_question"), (verify, "WHY", "why"),
    (verify, "_RESTRICTIVE", "restrictive"), (verify, "HEDGE", "hedge"), (verify, "GROUPS", "groups"),
    (verify, "AUXILIARIES", "auxiliaries"), (verify, "FRAME", "frame_words"), (verify, "PROHIBIT", "prohibit"),
    (verify, "HARMS", "harms"), (verify, "COUNTER", "counter"), (verify, "KEEP_IN_VIEW", "keep_in_view"),
    (verify, "REPORTING", "reporting"), (verify, "_AI", "ai"), (verify, "ENDORSE", "endorse"),
    (verify, "NEED", "need"), (verify, "SEPARATORS", "separators"),
    (kinds, "FACT", "fact"), (kinds, "NUMERIC", "numeric"), (kinds, "_ASKED", "asked"),
    (mention, "ABOUT", "about"),
])
def test_the_old_tables_are_views_of_the_profiles(module, name, field):
    assert getattr(module, name) == table(field) == {code: getattr(p, field) for code, p in PROFILES.items()}


def test_the_structured_tables_are_views_of_the_profiles():
    assert verify.AI_NAMES == {code: set(p.ai_names) for code, p in PROFILES.items()}
    assert verify.FRAMES == {k: {code: p.frames[k] for code, p in PROFILES.items()} for k in FrameKind}
    assert verify.FRAME_NEXT == {(k, code): rx for code, p in PROFILES.items() for k, rx in p.frame_next.items()}
    assert verify._VERDICT_WORD == {v: {code: p.verdict_words[v] for code, p in PROFILES.items()} for v in ("yes", "no")}
    assert kinds.ADDRESSEES == {span: {code: p.addressees[span] for code, p in PROFILES.items()}
                                for span in PROFILES["en"].addressees}
    assert mention.FRAME_WORDS == {code: list(p.subject_frame_words) for code, p in PROFILES.items()}
    assert mention.FUNCTION_WORDS == {code: list(p.function_words) for code, p in PROFILES.items()}
    for p in PROFILES.values():
        assert set(p.addressees) == set(PROFILES["en"].addressees), p.code
    assert lexical.STOP == {code: set(p.stop_words) for code, p in PROFILES.items()}
    assert direct.QUOTES == table("quotes") and direct.INNER == table("inner_quotes")
    assert scope.OFF_TOPIC == {code: list(p.off_topic) for code, p in PROFILES.items()}
    assert followup.CUES == {code: p.follow_up_words for code, p in PROFILES.items() if p.follow_up_words}
    assert corpus.PREAMBLE == table("preamble") and corpus.LANG_SCRIPT == table("script")


def test_frame_kind_is_an_enum_that_reads_as_its_old_string():
    assert frame_kind(3) is FrameKind.STATES and frame_kind(20) is FrameKind.RECOMMENDS
    assert frame_kind(40) is FrameKind.INVITES
    assert FrameKind.STATES == "states" and {"recommends": 1}[FrameKind.RECOMMENDS] == 1


@pytest.mark.parametrize("lang", LANGS)
def test_openings_come_from_the_profile(lang):
    profile = PROFILES[lang]
    for kind in FrameKind:
        assert opening(kind, lang) == profile.frames[kind]
        assert opening(kind.value, lang) == profile.frames[kind]
        for verdict in ("yes", "no"):
            start = opening(kind, lang, verdict)
            assert start.startswith(profile.verdict_words[verdict] + profile.verdict_separator)
            assert kind_of_opening(start, lang) is kind


def test_a_name_keeps_its_capital_after_a_verdict():
    assert opening(FrameKind.RECOMMENDS, "ru", "no") == "Нет, Пекинский консенсус рекомендует"
    assert opening(FrameKind.STATES, "ru", "yes") == "Да, согласно Пекинскому консенсусу,"
    assert opening(FrameKind.RECOMMENDS, "en", "no") == "No, the Beijing Consensus recommends"
    assert opening(FrameKind.RECOMMENDS, "zh", "yes") == "是的，《北京共识》建议"
    assert opening(FrameKind.RECOMMENDS, "ar", "no") == "لا، يوصي توافق آراء بيجين بما يلي:"


# A language code as a literal where it decides something: compared (`lang == "zh"`, `"ar" != lang`), tested for
# membership (`lang in ("fr", "es")`), used as a key (`{"en": …}`, `texts["zh"]`, `.get("ru"`). Passing a code
# along (`Detected("en", …)`, the fallback language) is not a branch and is not caught.
_CODE = "|".join(LANGS)
_BRANCH = re.compile(rf"""(?:==|!=)\s*["']({_CODE})["']|["']({_CODE})["']\s*(?:==|!=)"""
                     rf"""|\bin\s*[(\[{{]\s*["']({_CODE})["']|["']({_CODE})["']\s*:(?!\w)"""
                     rf"""|\[\s*["']({_CODE})["']\s*\]|\.get\(\s*["']({_CODE})["']""")
# Where a code literal belongs: the profiles themselves, the UI message tables of rag/i18n.py (translations, a
# separate concern) and the list of languages.
_ALLOWED = {"profiles.py", "i18n.py", "langs.py"}


def language_branches(source: str) -> list[str]:
    """The lines of `source` that decide something by a language code."""
    return [line.strip() for line in source.splitlines()
            if _BRANCH.search(line) and not line.lstrip().startswith("#")]


def test_the_branch_finder_finds_branches():
    for line in ('if lang == "zh":', "x = a if lang != 'ar' else b", 'if "ru" == lang:', 'if lang in ("fr", "es"):',
                 'if lang in {"en"}:', 'STOP = {"en": set()}', 'texts["zh"]', 'ELLIPSES.get("zh", "…")'):
        assert language_branches(line) == [line], line
    for line in ('return Detected("en", top, False)', 'i18n.t("notice_unsupported", "en")', '# lang == "zh"',
                 'x = "zh-Hant"', 'if lang == "de":', "script == 'han'"):
        assert language_branches(line) == [], line


def test_no_module_branches_on_a_language_code():
    """Everything language-specific is in rag/profiles.py: a new branch on a code belongs in a profile field."""
    rag_dir = Path(profiles_module.__file__).parent
    found = {f.name: language_branches(f.read_text(encoding="utf-8"))
             for f in sorted(rag_dir.glob("*.py")) if f.name not in _ALLOWED}
    assert {name: lines for name, lines in found.items() if lines} == {}
