"""Issue 18: six languages as equals (the same evidence in every language; a question's matrix language)."""
import pytest

from eval.harness import add_evidence_agreement, evidence_agreement

SIX = ("en", "fr", "es", "ru", "zh", "ar")


# --- the same evidence in every language -------------------------------------------------------------

def test_evidence_agreement_is_the_mean_pairwise_jaccard_of_cited_sets():
    cited = [("g1", lang, [12]) for lang in SIX]                                   # identical: 1.0
    # One language of six cites {12, 13} where the others cite {12}: its 5 pairs score 1/2, the other 10 pairs 1.
    cited += [("g2", lang, [12]) for lang in SIX[:5]] + [("g2", "ar", [13, 12])]
    cited += [("g3", "en", [5])]                                                    # one language: ignored
    cited += [(None, "en", [7]), (None, "fr", [8])]                                 # no group: ignored
    ea = evidence_agreement(cited)
    assert ea["n_groups"] == 2
    assert ea["evidence_agreement"] == round((1.0 + (10 + 5 * 0.5) / 15) / 2, 3) == 0.917
    assert ea["evidence_identical"] == 0.5
    assert ea["disagreeing_groups"] == {"g2": {"en": [12], "fr": [12], "es": [12], "ru": [12], "zh": [12],
                                               "ar": [12, 13]}}


def test_evidence_agreement_refusals_agree_with_each_other_not_with_citations():
    ea = evidence_agreement([("g", "en", []), ("g", "fr", []), ("g", "es", [3])])
    # pairs: en-fr 1 (both refused), en-es 0, fr-es 0
    assert ea["evidence_agreement"] == round(1 / 3, 3)
    assert evidence_agreement([(None, "en", [1])])["evidence_agreement"] is None


def test_evidence_agreement_sits_beside_consistency_in_the_report():
    rep = {"retrieval": {"consistency": 1.0},
           "answers": {"rows": [{"group": "g", "lang": "en", "cited": [1, 2]},
                                {"group": "g", "lang": "fr", "cited": [2, 3]}]}}
    add_evidence_agreement(rep)
    assert rep["retrieval"]["evidence_agreement"] == round(1 / 3, 3)
    assert rep["retrieval"]["evidence_identical"] == 0.0
    from eval.report import _agreement_lines
    assert _agreement_lines(rep["retrieval"]) == [
        "evidence agreement (mean pairwise Jaccard of the cited clauses across languages) 0.333; "
        "same cited clauses in every language 0.000", "disagreeing: g en:1,2 fr:2,3"]
