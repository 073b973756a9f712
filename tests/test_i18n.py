"""Plural forms come from CLDR (Babel) in all six languages; every text has the forms its language uses."""
import pytest

from rag import i18n
from ui import strings


def _entries():
    for table in (i18n._T, strings._T):
        for key, per_lang in table.items():
            for lang, text in per_lang.items():
                yield key, lang, text


@pytest.mark.parametrize("lang,expected", [
    ("en", {1: "one", 2: "other", 5: "other", 21: "other"}),
    ("fr", {0: "one", 1: "one", 2: "other", 44: "other"}),
    ("es", {1: "one", 2: "other", 11: "other"}),
    ("ru", {1: "one", 2: "few", 4: "few", 5: "many", 11: "many", 21: "one", 22: "few", 44: "few", 2000: "many"}),
    ("zh", {1: "other", 2: "other", 44: "other"}),
    ("ar", {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 44: "many", 100: "other", 2000: "other"}),
])
def test_plural_categories_are_cldrs(lang, expected):
    assert {n: i18n.plural_category(n, lang) for n in expected} == expected


def test_every_plural_text_has_other_and_only_its_languages_categories():
    from babel import Locale
    for key, lang, text in _entries():
        assert not key.endswith("_two"), key  # the dual is a CLDR category, not a key of its own
        if isinstance(text, str):
            continue
        assert "other" in text, (key, lang)
        assert set(text) <= set(Locale.parse(lang).plural_form.tags) | {"other"}, (key, lang, set(text))


def test_browse_count_agrees_with_its_number():
    from ui.strings import ui
    assert ui("browse_count", "fr", count=1, n=1) == "1 paragraphe sur 44"  # not "1 paragraphes sur 44"
    assert ui("browse_count", "fr", count=3, n=3) == "3 paragraphes sur 44"
    assert [ui("browse_count", "ru", count=n, n=n) for n in (1, 3, 5, 21)] == \
        ["1 пункт из 44", "3 пункта из 44", "5 пунктов из 44", "21 пункт из 44"]
    assert [ui("browse_count", "ar", count=n, n=n) for n in (1, 2, 3, 11)] == \
        ["فقرة واحدة من أصل 44", "فقرتان من أصل 44", "3 فقرات من أصل 44", "11 فقرة من أصل 44"]
    assert ui("browse_count", "en", count=1, n=1) == "1 of 44 clauses"


def test_the_arabic_dual_and_plural_in_the_assistants_sentences():
    from rag.answer import lead_text
    assert "هما الفقرتان 10 و8" in lead_text([10, 8], "ar")
    assert "هو الفقرات 10 و8 و12" in lead_text([10, 8, 12], "ar")
    assert "أقرب فقرة هي 24" in i18n.t("refusal", "ar", count=1, nums="24")
    assert "أقرب فقرتين هما 24 و20" in i18n.t("refusal", "ar", count=2, nums="24 و20")
    assert "The closest clause is 24." in i18n.t("refusal", "en", count=1, nums="24")
    assert "The closest clauses are 24 and 20." in i18n.t("refusal", "en", count=2, nums="24 and 20")
    assert [i18n.t("notice_truncated", "ar", count=n, limit=n).split("؛ ")[1] for n in (2, 5, 50, 2000)] == \
        ["استُخدم الحرفان الأولان منه فقط.", "استُخدمت أول 5 أحرف منه فقط.", "استُخدم أول 50 حرفاً منه فقط.",
         "استُخدم أول 2000 حرف منه فقط."]
    assert i18n.t("notice_truncated", "ru", count=22, limit=22).endswith("первые 22 символа.")
