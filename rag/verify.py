"""Is a model's one-sentence gist faithful to the official sentences it was written from?

The model phrases; this module decides. The system opens the gist itself ("The Beijing Consensus
recommends", "No, the Beijing Consensus recommends", "According to the Beijing Consensus,"): the verdict
of a yes/no question and the clause's modality are never the model's to choose. What the model writes
after that opening is shown only when every check passes:

  form       one complete sentence in the asker's language, of sensible length
  additions  numbers, groups of people and names all come from the official text; at most one content
             word from elsewhere (the question's words included: a question's premise is not evidence);
             most of its words follow the evidence's own order
  modality   nothing claimed as done or guaranteed ("has been", "already") unless the text says so
  polarity   each part keeps the negation of the evidence part it matches ("cannot be displaced" never
             becomes "can replace"); no negation the evidence lacks

The checks are deterministic and model-independent: a stronger model simply passes them more often.
The cue lists per language are short and cannot be complete; where it matters most they are backed by
the parallel versions (a sentence counts as negated when any of its six official versions is) and by the
rule that the gist repeats the official words in their order, so a missed cue has few places to hide.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, Sequence

import numpy as np

from rag.corpus import dominant_script
from rag.lang import detect
from rag.lexical import spelt_as_tokens, tokenize
from rag.profiles import PROFILES, FrameKind, table
from rag.scope import names_the_consensus

Embed = Callable[[Sequence[str]], np.ndarray]  # texts -> L2-normalised rows

# --- cues per language ----------------------------------------------------------------------------
# Every language's cues, word lists and frames live in rag/profiles.py (one LanguageProfile per language); these
# tables are views of them, by language, for the code below and for rag/kinds.py.

NEGATION = table("negation")
STRONG_NEGATION = table("strong_negation")  # a negated modal: what may turn a yes/no question into "no"
DENIAL = table("denial")  # "deny", "impossible", "irreplaceable": a question negated inside a word
WARY = table("wary")  # "protect from", "warn", "the risk that": a question set against what it names
PERMISSION = table("permission")  # "be allowed to": asks whether X may happen
PEOPLE = table("people")  # "people", "humans": who serves whom
ABILITY = table("ability")  # "can", "may"
AGENT_BY = table("agent_by")  # "by", 被: the agent of a passive follows
MACHINES = table("machines")  # machines, robots: with "AI", what may act on people
SYNONYMS = {lang: tuple(g.split() for g in p.synonyms) for lang, p in PROFILES.items()}
AWARENESS = table("awareness")
MODAL = table("modal")
ACCOMPLISHED = table("accomplished")
YES_NO_QUESTION = table("yes_no_question")
_WH = table("wh_question")
WHY = table("why")
_RESTRICTIVE = table("restrictive")
HEDGE = table("hedge")
GROUPS = table("groups")
AUXILIARIES = table("auxiliaries")
FRAME = table("frame_words")
AI_NAMES = {lang: set(names) for lang, names in table("ai_names").items()}
PROHIBIT = table("prohibit")
HARMS = table("harms")
COUNTER = table("counter")
STUDY = table("study")
KEEP_IN_VIEW = table("keep_in_view")
ENOUGH = table("enough")  # "enough", "well represented"
SHORT = table("short")  # "the lack of", "the low share of"
SINGLE = table("single")  # "a single", "one"
MANY = table("many")  # "multiple", "varied", "different"
ABOUT_NUMBER = table("about_number")  # "around", "more than"
UNDER_NUMBER = table("under_number")  # "fewer than", "up to"
OVER_NUMBER = table("over_number")  # "more than", "at least"
ASKED_TO = table("asked_to")  # "is UNESCO asked to …?"
REPORTING = table("reporting")
_AI = table("ai")
_AI_DOMAIN = table("ai_domain")
ENDORSE = table("endorse")
MENTION = table("mention")
NEED = table("need")
SEPARATORS = table("separators")
FRAMES = {kind: {lang: p.frames[kind] for lang, p in PROFILES.items()} for kind in FrameKind}
FRAME_NEXT = {(kind, lang): rx for lang, p in PROFILES.items() for kind, rx in p.frame_next.items()}
_VERDICT_WORD = {v: {lang: p.verdict_words[v] for lang, p in PROFILES.items()} for v in ("yes", "no")}

MIN_ALIGN_COS = 0.80     # a gist part must match some evidence part at least this well (e5 cosine)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


_COMPILED: dict[tuple[int, str], re.Pattern] = {}


def _rx(table: dict, lang: str) -> re.Pattern:
    key = (id(table), lang)
    if key not in _COMPILED:
        _COMPILED[key] = re.compile(table[lang], re.I)
    return _COMPILED[key]


_TASHKEEL = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def _norm(text: str) -> str:
    """NFC, one apostrophe, Western digits, and Arabic without its optional marks: «لا سيّما» (especially) is
    written with a shadda the cue tables do not spell, and was read as the negation «لا»."""
    return _TASHKEEL.sub("", unicodedata.normalize("NFC", text).replace("’", "'").translate(_DIGITS))


def has(table: dict, text: str, lang: str) -> bool:
    return bool(_rx(table, lang).search(_norm(text)))


def has_negation(text: str, lang: str) -> bool:
    return has(NEGATION, text, lang)


def is_yes_no(question: str, lang: str) -> bool:
    """A question answered by yes or no ("Can AI replace teachers?", «Может ли…», «هل…», 是否…)."""
    raw = _norm(question).strip()
    # "Est-ce que …", "Peut-on tolérer que …" ask yes or no; their "que" is not the wh-word ("Qu'est-ce que …" is).
    opener = PROFILES[lang].yes_no_opener
    if opener and re.search(opener, raw, re.I):
        return True
    q = raw.lstrip("¿¡ ")
    return bool(_rx(YES_NO_QUESTION, lang).search(q)) and not _rx(_WH, lang).search(q)


def segments(text: str, lang: str) -> list[str]:
    """Clause-like parts of a sentence: split at , ; : and the word "and" (with a comma or not). Not at the Chinese
    list comma 、: it joins the items of one list ("…、民间社会和私营部门的约500名代表"), never two clauses."""
    parts = []
    for piece in re.split(r"[,;:，；：،؛]", text):
        bits, start = [], 0
        for m in re.finditer(PROFILES[lang].separators, piece):
            bits.append((start, m.start()))
            start = m.end()
        bits.append((start, len(piece)))
        kept = []
        for lo, hi in bits:
            # «فلا ينبغي أن يؤدي تطوير | واستخدام الذكاء الاصطناعي … إلى اتساع الفجوة»: where the verb comes first, a
            # negation just before "and" governs what follows ("the development and use … should not widen the
            # divide"), unless what follows has its own ("… should not deepen the divide | and must not display bias")
            if (kept and _negation_ends(piece[kept[-1][0]:kept[-1][1]], lang)
                    and not has(STRONG_NEGATION, piece[lo:hi], lang)):
                kept[-1] = (kept[-1][0], hi)
            else:
                kept.append((lo, hi))
        parts += [piece[lo:hi] for lo, hi in kept]
    parts = [p.strip(" .。") for p in parts if p and len(tokenize(p, lang)) >= 2]
    return parts or [text.strip()]


NEGATION_REACH = 3  # words after a negated modal, at most, for it to reach past the "and" that follows


def _negation_ends(text: str, lang: str) -> bool:
    """Does a negated modal stand within NEGATION_REACH words of the end of `text`?"""
    found = list(_rx(STRONG_NEGATION, lang).finditer(_norm(text)))
    return bool(found) and len(tokenize(_norm(text)[found[-1].end():], lang)) <= NEGATION_REACH


def _en_base(m: re.Match) -> str:
    """An English word without "-ing" or a final "e": "Take" (the clause's imperative) and "taking" (after the
    system's "recommends") are one word. The 6-letter stem alone already joins "develop"/"developing"."""
    w = m.group(0).lower()
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if w[-1] == w[-2] and w[-1] not in "aeiouls":  # planning -> plan
            w = w[:-1]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def _tokens(text: str, lang: str) -> list[str]:
    return tokenize(re.sub(r"[A-Za-z]+", _en_base, text) if PROFILES[lang].english_stems else text, lang)


@lru_cache(maxsize=16384)  # the official sentences and parts are read for every question
def content(text: str, lang: str) -> frozenset[str]:
    toks = set(_tokens(text, lang))
    if PROFILES[lang].cjk:
        return frozenset(t for t in toks if len(t) == 2)  # bigrams: single characters say little
    return frozenset(t for t in toks if len(t) >= 3 and not t.isdigit())


@lru_cache(maxsize=None)
def function_words(lang: str) -> frozenset[str]:
    """The profile's function words as content words ("between", «когда»): long enough to pass for content, never
    what a question is about."""
    return content(" ".join(PROFILES[lang].function_words), lang)


def asked_words(question: str, lang: str) -> frozenset[str]:
    """The question's content words, less the words every question about the Consensus has ("AI" among them)."""
    return (content(question, lang) - content(FRAME[lang], lang) - content(AUXILIARIES[lang], lang)
            - _cues_words(_AI, question, lang))


def word_share(asked: frozenset[str], text: str, lang: str) -> float:
    """The share of `asked` that `text` holds (an inflection counting); 0 when nothing is asked."""
    return _shared(asked, content(text, lang), lang) / len(asked) if asked else 0.0


def shares(word: str, words: frozenset[str], lang: str) -> bool:
    """`words` (content words of a text) hold `word`, an inflection counting."""
    return _shared({word}, words, lang) > 0


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", _norm(text)))


def _group_terms(lang: str) -> list[str]:
    return [g.replace("-", " ") for g in GROUPS[lang].split()]


def groups_in(text: str, lang: str) -> set[str]:
    t = _norm(text).lower()
    match = PROFILES[lang].group_match
    if match == "substring":
        return {g for g in _group_terms(lang) if g in t}
    if match == "tokens":
        toks = set(tokenize(t, lang))
        return {g for g in _group_terms(lang) if set(tokenize(g, lang)) <= toks}
    words = re.findall(r"\w+", t)
    return {g for g in _group_terms(lang)
            if all(any(w.startswith(part) for w in words) for part in g.split())}


def names_in(text: str, lang: str) -> set[str]:
    """Capitalised words and acronyms not at the start of the sentence (Latin and Cyrillic only)."""
    if not PROFILES[lang].capitalised_names:
        return set()
    words = re.findall(r"\b\w+\b", _norm(text))
    return {w.lower()[:6] for i, w in enumerate(words) if i > 0 and w[:1].isupper()}


# --- yes/no --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settlement:
    """The part of the evidence that settles a question, and the verdict it supports (None: undecided)."""
    verdict: Optional[str]
    sentence: int               # index of the settling sentence in the evidence
    part: str                   # the settling part of that sentence
    similarity: float


def settle(question: str, evidence: Sequence[str], lang: str, embed: Embed,
           negated: Optional[Sequence[bool]] = None, premise: bool = False,
           prior: Optional[Sequence[float]] = None, addressed: str = "", statement: bool = False) -> Optional[Settlement]:
    """The evidence part closest to the question, and the yes/no it settles, if it settles one safely.

    The question is matched to its closest part of the clause (split at , ; : and "and"). "No" when that part
    holds a negated modal (in this version and, where the versions line up, in another: `negated`, one flag per
    sentence) and every word the question asks about, its verb included (a synonym counting: "Can AI replace
    teachers?" / "teachers cannot be displaced by machines"), and the question is not set against what it names
    ("protect teachers from being replaced"); or when the question asks whether the Consensus bans or abolishes
    something that part recommends, unnegated ("ban remote assessment" / "support large-scale and remote
    assessment"). "Yes" when one part, free of any negation or "be mindful that", holds every content word and
    number of the question, with people on the same side of "AI". Anything else, or a question that is negated
    (also inside a word: "deny", "irreplaceable"), restrictive ("only", "a single", "must") or carries a number
    the text lacks, is undecided: no verdict is always safer than a wrong one.

    premise: the question is a "why does it …" question; its claim is checked like a yes/no question (a number
    in it does not keep a refutation from being one).
    prior:   per sentence, how well it answers the question judged on all six versions (rag/evidence.py): added
             to each part's own similarity, so the same sentence settles the question in every language.
    statement: the clause states (1-7: "We reviewed the recent trends …", "We express our gratitude to …") rather
             than recommends: it says "yes" only where it says what should be.
    addressed: the official lead-in that addresses the clause ("We RECOMMEND that governments …"): the people it
             names are the ones a refuted "why does it tell governments to stop X?" speaks to, not part of X.
    """
    if not evidence:
        return None
    parts = [(i, p) for i, s in enumerate(evidence) for p in segments(s, lang)]
    vecs = embed([question] + [p for _, p in parts])
    sims = vecs[1:] @ vecs[0]
    ranked = sims + (np.array([prior[i] for i, _ in parts]) if prior is not None else 0.0)
    order = [int(j) for j in np.argsort(-ranked, kind="stable")]
    if prior is not None:
        # The sentence quoted when nothing settles the question is judged whole, on its six versions and the
        # question's own words, not by its closest fragment: "AI provides opportunities to support teachers in their
        # educational" is near anything about teachers, and "Must teachers' rights and working conditions be
        # protected?" is answered by the sentence that says "their rights and working conditions are protected".
        asked = asked_words(question, lang)
        words = [word_share(asked, s, lang) for s in evidence]
        whole = int(np.argmax(np.asarray(prior, dtype=float) + WORDS_WEIGHT * np.array(words)))
        order = [j for j in order if parts[j][0] == whole] + [j for j in order if parts[j][0] != whole]
    found = Settlement(None, parts[order[0]][0], parts[order[0]][1], float(sims[order[0]]))
    if not (premise or is_yes_no(question, lang)) or has_negation(question, lang) and not premise:
        return found
    # "Does it deny that teachers can be replaced?", "Are teachers irreplaceable?": the question's polarity is
    # hidden in a word, and answering its words with "teachers cannot be displaced" would say "No" to a yes
    if has(DENIAL, question, lang):
        return found
    # "Does the Consensus support X?", "Is UNESCO invited to X?" ask whether it recommends X
    endorse = names_the_consensus(question) or has(ASKED_TO, question, lang)
    q = (content(_unframed(question, lang, premise, endorse), lang) - content(FRAME[lang], lang)
         - content(AUXILIARIES[lang], lang) - _cues_words(WHY, question, lang)
         - (content(REPORTING[lang], lang) if premise else set()))
    if endorse:  # "Does the Consensus support / call for / want X?": the stance verb is not part of X
        q -= _cues_words(ENDORSE, question, lang) | content(" ".join(_wish_words(question, lang)), lang)
    if has(ASKED_TO, question, lang):  # "Is UNESCO asked to X?": who is asked is the clause's lead-in, not part of X
        lead = {w[:5] for w in content(addressed, lang)}
        q = {w for w in q - _cues_words(ASKED_TO, question, lang) if w[:5] not in lead}
    q -= _cues_words(MENTION, question, lang)
    clitic = PROFILES[lang].subject_clitic  # "peuvent-ils": the pronoun is the subject, named in the text otherwise
    if clitic:
        q -= {w for m in re.findall(clitic, _norm(question), re.I) for w in content(m, lang)}
    if not q:
        return found
    # "a single definition?" / "… and varied definitions", "500 ministers?" / "50 government ministers": read in
    # every evidence sentence, closest first (the short part that says so is rarely the one closest to the question)
    if not premise and _asks_what_is(question, lang):
        for says_no in (_one_of_many, _wrong_number):
            for i in dict.fromkeys(parts[j][0] for j in order):
                if says_no(question, evidence[i], lang):
                    mine = [j for j in order if parts[j][0] == i]
                    j = next((j for j in mine if says_no(question, parts[j][1], lang)), mine[0])
                    return Settlement("no", i, parts[j][1], float(sims[j]))
    # The part that settles a question is not always the closest one ("Can AI replace teachers?" is nearest to
    # "AI provides opportunities to support teachers"): the parts close to the best are tried in order.
    for j in order:
        i, part = parts[j]
        if sims[j] < max(MIN_ALIGN_COS, float(sims.max()) - SETTLE_SEARCH):
            continue
        flag = negated[i] if negated is not None and i < len(negated) else has_negation(evidence[i], lang)
        verdict = _verdict(question, q, part, evidence, i, flag, lang, premise, addressed, statement)
        if verdict and premise and has(AWARENESS, evidence[i], lang) and has(NEED, evidence[i], lang):
            # "Recalling the Qingdao Declaration …, we are cognizant of the urgency of reaffirming … this commitment":
            # what refutes "rejects it" is the need, further on than the part naming the thing: the whole sentence
            part = evidence[i]
        if verdict:
            return Settlement(verdict, i, part, float(sims[j]))
    return found


WORDS_WEIGHT = 0.05  # weight of the share of the question's words a sentence holds (0-1), next to its similarity
SETTLE_SEARCH = 0.06  # how far below the closest part a part may be and still settle the question


def _verdict(question: str, q: set[str], part: str, evidence: Sequence[str], i: int, sentence_negated: bool,
             lang: str, premise: bool, addressed: str = "", statement: bool = False) -> Optional[str]:
    """The yes/no one part settles, or None (see settle)."""
    words = content(part, lang)
    # "ban X?", "why does it reject X?": no, when the settling part recommends X; a "why … not …?" is routed here
    # too, away from the "cannot" rules below, and is never refuted (_refutes_ban)
    if has(PROHIBIT, question, lang) or premise and has_negation(question, lang):
        return _refutes_ban(question, q, part, evidence[i], lang, addressed)
    restrictive = has(_RESTRICTIVE, question, lang)
    if (has(ENOUGH, question, lang) or has(SHORT, question, lang)) and not restrictive:
        short = _falls_short(question, q, part, lang)
        if short:
            return short
    if has(STRONG_NEGATION, part, lang) and sentence_negated:
        # "Why does it want to protect teachers from being replaced?" shares the words of "teachers cannot be
        # displaced" and agrees with it: a question set against what it names is not answered "no" by a "cannot"
        against = has(COUNTER, question, lang) or has(WARY, question, lang) or has(AWARENESS, question, lang)
        if restrictive and not premise or against:
            return None
        # "Does AI deepen the divide?" asks what is; "should not deepen" says what ought to be: only a question of
        # what can, may or should be, of what the Consensus supports, or a claim it is said to make is answered by it
        if not (premise or _asks_what_ought(question, lang) or _asks_stance(question, lang)):
            return None
        # Every word the question asks about is in the negated statement: shared nouns alone ("Will machines help
        # teachers?") say nothing about the negated verb. Synonyms count ("replace" / "displaced").
        asked = (q - _cues_words(_AI, question, lang) - _cues_words(PERMISSION, question, lang)
                 - function_words(lang) - _year_words(question, lang))
        run = _negated_run(part, evidence[i], lang)
        if not (asked and _covers(run, asked, lang)):
            return None
        # "Can AI show bias?" / "Why does it say AI may display bias?" ask what is possible; "must not display bias"
        # says what ought not to be (and clause 28 says AI can impose bias): a duty denied answers only a question
        # of duty or permission, a "cannot" any question of what can be
        # (a claim the Consensus is said to make keeps its possibility even with "allowed": «может допускать»)
        if (has(MODAL, run, lang) and not has(MODAL, question, lang) and (premise or not has(PERMISSION, question, lang))
                and (has(ABILITY, question, lang) or has(HEDGE, question, lang))):
            return None
        # And the question restates at least half of a negated predicate: "Should AI in education be deepened?" has
        # only "deepen" of "should not deepen the digital divide". Each predicate on its own ("no deben agravar la
        # brecha … ni mostrar sesgos contra …"); the subject before the first negation is not what is denied.
        pieces = [(piece, content(piece, lang) - _cues_words(_AI, piece, lang))
                  for piece in _rx(STRONG_NEGATION, lang).split(part)[1:]]
        denied = [piece for piece, words in pieces if words and _covers(" ".join(sorted(q)), words, lang, share=0.5)]
        if not denied:
            return None
        # "Can machines be displaced by teachers?" has every word of "teachers cannot be displaced by machines"; the
        # people the statement names are in its negated predicate or before it ("teachers cannot be …")
        named = " ".join(denied) if _who(_norm(denied[0]).lower(), lang) is not None else part[:part.find(denied[0])]
        if _lookalike(question, run, lang):
            return None
        return "no" if _same_agent(question, run, lang, _who(_norm(named).lower(), lang) is not None) else None
    if premise or restrictive or numbers(question) - numbers(" ".join(evidence)):
        return None
    # "Does the Consensus accept / support gender bias?" is never "yes" (a harm is never endorsed, below); it is
    # "no" where the part acts against that very harm ("free from gender bias", «不带性别偏见», "reduce the AI divide")
    if _asks_stance(question, lang) and has(HARMS, question, lang):
        return _against_harm(question, q, part, lang)
    if has_negation(part, lang) or _aware_only(evidence[i], lang):
        return None
    # Every content word of the question in the part. A bare noun phrase ("… to support large-scale | and remote
    # assessment") takes its predicate from the part before it; a part with a predicate of its own does not
    # ("reduce the AI divide | and increase investment" never says "increase the divide").
    parts = segments(evidence[i], lang)
    k = parts.index(part) if part in parts else 0
    near = [part] if len(words) > BARE_PHRASE or k == 0 else [parts[k - 1], part]
    # A negation elsewhere in the sentence keeps "yes" back only where it can reach the part: in the part before
    # it, or where this version does not show where it is (another version's). "…ethical, non-discriminatory…"
    # says nothing against "the development of AI should be human-controlled" three parts before it.
    start = parts.index(near[0]) if near[0] in parts else 0
    near_negated = any(has_negation(p, lang) for p in near + parts[max(start - 1, 0):start])
    mention = _asks_mention(question, lang)
    if mention:
        # "Does it mention students studying in a language other than their mother tongue?": whether the text holds
        # the words is read in this version; another's negation («не являющемся родным») does not deny them
        if near_negated:
            return None
    elif sentence_negated and (not has_negation(evidence[i], lang) or start == 0 and part not in parts
                               or near_negated):
        return None
    if part in parts and k == len(parts) - 1:  # a short tail is no part of its own: "… à grande échelle | et à distance."
        tail = evidence[i][evidence[i].find(part) + len(part):]
        if has_negation(tail, lang):
            return None
        near.append(tail)
    # a hedge that opens the sentence governs all of it: "Consider also introducing new models …, in order to
    # serve … students" («Envisager», 考虑, «النظر»); one further on ("the potential of data") only its part
    if _hedged(question, near, evidence[i], lang):
        return None
    # "Is the development of AI human-controlled?" asks what is; "should be human-controlled" says what ought to be
    # "Is AI used for good?" asks what is; "ensuring AI is used for good" recommends it: a recommendation answers
    # "yes" only to a question of what may or should be, or of what the Consensus supports
    # "Does the Consensus mention students studying in another language?" asks what the text holds: a part that holds
    # every word of it, with no negation near, answers "yes" whatever the part recommends
    if not (_asks_what_ought(question, lang) or _asks_stance(question, lang) or mention):
        return None
    # "Does the Consensus support the AI divide?" has every word of "reduce the AI divide"; "… the gender gap?" and
    # "… conflicts?" those of a clause naming the problem: a harm is never endorsed, nor answered "yes" from a
    # sentence that acts against one
    if has(HARMS, question, lang) and (_asks_stance(question, lang) or has(COUNTER, evidence[i], lang)):
        return None
    # "Does it support the effects of AI on learning outcomes?" has every word of "Support research … on the effects of
    # AI on learning outcomes": what is to be studied is not what is supported
    if has(STUDY, evidence[i][:evidence[i].find(part) + len(part)], lang) and not has(STUDY, question, lang):
        return None
    # "Does the Consensus support the recent trends in AI?" has every word of "We reviewed the recent trends …":
    # a clause that reports what the conference did says "yes" only to what it says should be
    if statement and not has(MODAL, " ".join(near), lang):
        return None
    # "Should countries be supported by teaching staff?" has every word of "support countries in training teaching
    # staff": who acts in a passive question is not checked, so it gets no "yes"
    if any(len(m.strip()) > 1 for m in _rx(AGENT_BY, lang).findall(_norm(question))):
        return None
    # "Were there 100 ministers?": the clause's 100 are Member States; a number must be in the words that answer
    if numbers(question) - numbers(" ".join(near)):
        return None
    # "AI" is in nearly every clause: "Does it support using AI for remote assessment?" asks about remote assessment;
    # "AI in education" is the document's domain, and "between" / "across" say nothing the answering words must
    # hold ("comparative research across countries on AI in education" / "cross-national comparative research")
    asked = q - _cues_words(_AI_DOMAIN, question, lang) - function_words(lang) or q
    if _shared(asked, set().union(*(_with_synonyms(p, lang) for p in near)), lang) < len(asked):  # «оценку» / «оценки»
        return None
    near_text = " ".join(near)
    if not (_sides_of_ai_kept(question, near_text, lang) and _order_kept(question, near_text, asked, lang)):
        return None
    # "Does it support the labour market?" has every word of "… to ensure the relevance of curricula to changing
    # economies, labour markets": what the Consensus supports is what its verb takes, near the part's start
    if _asks_stance(question, lang) and not _near_start(near_text, asked, lang):
        return None
    # "¿Menciona el Consenso la brecha digital?" has both words of "la brecha de género … competencias digitales": what
    # is mentioned is one phrase, its words next to each other
    if mention and not _asks_stance(question, lang) and not _together(near_text, asked, lang):
        return None
    return "yes" if _compounds_kept(question, near_text) and not _lookalike(question, near_text, lang) else None


def _against_harm(question: str, q: set[str], part: str, lang: str) -> Optional[str]:
    """"No" when a question asking whether the Consensus supports or accepts a harm ("gender bias", "the AI divide")
    has every word in a part that acts against that harm: a counter-verb or "free from" right before it and no other
    negation. A question that acts against the harm itself ("support reducing the divide", "accept research on
    bias") or a part that only names it ("the risks of polarization") gets none."""
    if has(COUNTER, question, lang) or has(STUDY, question, lang) or _cue_count(question, lang):
        return None
    harms = _cues_words(HARMS, question, lang)
    asked = q - _cues_words(_AI, question, lang) - function_words(lang)
    if not harms or not asked or not _holds_all(_shared(asked, _with_synonyms(part, lang), lang), len(asked), lang):
        return None
    text = _norm(part)
    if has_negation(_rx(COUNTER, lang).sub(" ", text), lang) or _lookalike(question, part, lang):
        return None
    # The harm is what the stance verb takes: "accept mobilizing resources to deal with the AI divide", "accept a
    # commitment on gender bias", «accepte-t-il les recommandations sur la fracture» ask about something else (hunt
    # 9). The question's words between the verb and the harm must be the part's own words for that harm ("gender")
    taken = _stance_object(question, lang)
    if taken is None:
        return None
    if PROFILES[lang].cjk:
        # unspaced, what modifies the harm comes before it (人工智能应用中的性别偏见): a harm inside "about …"
        # (关于性别偏见的建议, the recommendations on gender bias) is not what is asked about
        if re.search(r"关于|有关|对于", taken):
            return None
        between: set[str] = set()
    else:
        between = (content(taken, lang) - content(FRAME[lang], lang) - content(AUXILIARIES[lang], lang)
                   - function_words(lang) - _cues_words(_AI, taken, lang))
    for m in _rx(COUNTER, lang).finditer(text):
        after = _with_synonyms(text[m.end():m.end() + HARM_REACH * (2 if PROFILES[lang].cjk else 8)], lang)
        if _shared(harms, after, lang) and _shared(between, after, lang) == len(between):
            return "no"
    return None


def _stance_object(question: str, lang: str) -> Optional[str]:
    """The question's words between its stance verb ("accept", «поддерживает», 容忍, "is UNESCO asked to") and the
    first harm after it; None when no stance verb comes before a harm."""
    t = _norm(question)
    harm = _rx(HARMS, lang).search(t)
    if not harm:
        return None
    low = t.lower()
    ends = [m.end() for table in (ENDORSE, ASKED_TO) for m in _rx(table, lang).finditer(t)]
    ends += [low.find(w) + len(w) for w in _wish_words(question, lang) if low.find(w) >= 0]
    ends = [e for e in ends if e <= harm.start()]
    return t[max(ends):harm.start()] if ends else None


HARM_REACH = 4  # words (or twice as many characters where words are not spaced) between a counter-verb and its harm


def _falls_short(question: str, q: set[str], part: str, lang: str) -> Optional[str]:
    """"Are there enough systematic studies on how AI affects education?" / "Be mindful of the lack of systematic
    studies on the impacts of AI …"; "Are women well represented among AI professionals?" / "… the low share of women
    among AI professionals": "no", when the part says that what the question asks about falls short, and "yes" to
    "Are there few women among AI professionals?". Only a question of what is: "Does it call for enough women in
    AI?" asks what it wants, and the text's "low share" is no answer."""
    found = _rx(SHORT, lang).search(_norm(part))
    enough, short = has(ENOUGH, question, lang), has(SHORT, question, lang)
    if not found or enough == short or not _asks_what_is(question, lang) or _asks_the_consensus(question, lang):
        return None
    asked = (q - _cues_words(ENOUGH, question, lang) - _cues_words(SHORT, question, lang)
             - _cues_words(_AI, question, lang) - _cues_words(ACCOMPLISHED, question, lang)
             - function_words(lang) - content(PROFILES[lang].states, lang))
    # what falls short follows the word that says so ("the lack of X"); unspaced, it may come first (女性占比低)
    run = part if PROFILES[lang].cjk else _norm(part)[found.start():]
    if not (asked and _covers(run, asked, lang, share=1.0 if len(asked) <= 2 else SHORT_SHARE)):
        return None
    return "no" if enough else "yes"


def counts_or_singles(question: str, lang: str) -> bool:
    """Does the question count, date or say "a single" (what _wrong_number and _one_of_many read)?"""
    return bool(_counts(question, lang)) or has(SINGLE, question, lang)


def _asks_the_consensus(question: str, lang: str) -> bool:
    """The Consensus is asked about, by a verb that does not report what it says: «Мирится ли Консенсус с низкой
    численностью женщин?» (does it put up with the low share of women?) asks its stance, whatever the verb (hunt 9:
    ten stance verbs no `endorse` list held drew "Да" from "the low share"); "Does the Consensus say there are enough
    women in AI?" asks what it says."""
    p = PROFILES[lang]
    t = _norm(question).lower()
    # "According to the Consensus, …" (the opening of the frame that reports what it states) asks what it says too
    reports = [_norm(w).lower() for w in p.states.split() + [re.match(r"\w+", p.frames[FrameKind.STATES]).group(0)]]
    said = any(w in t for w in reports) if p.cjk else bool(set(reports) & set(re.findall(r"\w+", t)))
    return names_the_consensus(question) and not (said or has(MENTION, question, lang))


def _asks_what_is(question: str, lang: str) -> bool:
    """Not a question of what may or ought to be, nor of what the Consensus wants or supports."""
    return not (_asks_what_ought(question, lang) or _asks_wish(question, lang) or has(ENDORSE, question, lang))


def _one_of_many(question: str, sentence: str, lang: str) -> bool:
    """"Does the Consensus give a single definition of AI?" / "… multiple understandings, broad range and varied
    definitions"; "Is there only one kind of bias?" / "different kinds of bias": "no", when the sentence says there
    are many of what the question says there is one of (the words next to each cue). Only asked of a question of
    what is (settle): "Should there be a single platform?" asks what ought to be."""
    one = _after(SINGLE, question, lang)
    if not one:
        return False
    many = _after(MANY, sentence, lang, reach=10)
    if PROFILES[lang].cjk:
        return any(a[i:i + 2] in b for a in one for b in many for i in range(len(a) - 1))
    return _shared(one, many, lang) > 0


MIN_COUNT = 32   # numbers below are days, clause and goal numbers ("16 to 18 May", "SDG 4"), never counts or years
NUMBER_RATIO = 2  # a number said to be about, or more than, another contradicts it only this many times off


def _counts(text: str, lang: str) -> dict[str, set[tuple[int, bool, bool]]]:
    """The numbers of `text` (32 and up) by the words next to them, each with whether it is approximate ("around
    500 representatives": {"repres": {(500, True, False)}, "intern": …}) and whether it bounds from below ("more than
    100": (100, True, True)); none at all where a number bounds from above."""
    t = _norm(text)
    found: dict[str, set[tuple[int, bool, bool]]] = {}
    skip = function_words(lang)
    for m in re.finditer(r"\d+", t):
        if int(m.group(0)) < MIN_COUNT or m.start() and t[m.start() - 1] in ".,":
            continue
        before = t[max(0, m.start() - 30):m.start()]
        if _rx(UNDER_NUMBER, lang).search(before):
            return {}  # "fewer than 500": bounded, a larger count does not contradict it
        approx = bool(_rx(ABOUT_NUMBER, lang).search(before))
        over = bool(_rx(OVER_NUMBER, lang).search(before))
        if PROFILES[lang].cjk:
            after = re.sub(r"^[多余]?[名位个项年届次]?", "", t[m.end():m.end() + 6])
            near = {after[k:k + 2] for k in range(0, 3)} | (set() if approx else {before[-2:]})
        else:  # the word before, unless it is the "around" / "more than" itself
            near = set(tokenize(_rx(_AI, lang).sub(" ", t[m.end():]), lang)[:CUE_REACH]) | \
                (set() if approx else set(tokenize(_rx(_AI, lang).sub(" ", before), lang)[-1:]))
        for w in near - skip:
            found.setdefault(w[:5], set()).add((int(m.group(0)), approx or over, over))
    return found


def _wrong_number(question: str, text: str, lang: str) -> bool:
    """Does `text` give, for a thing the question counts or dates, only numbers other than the question's?"""
    asked, given = _counts(question, lang), _counts(text, lang)
    for word, pairs in asked.items():
        told = given.get(word)
        if not told:
            continue
        for n, approx, over in pairs:
            if any(m == n for m, _, _ in told):
                return False
            if over:
                # "more than 50 Member States?" is true of "more than 100" and of "around 500" (hunt 9): a question's
                # lower bound is contradicted only by a number of the text far below it that is no lower bound itself
                wrong = all(not m_over and m * NUMBER_RATIO <= n for m, _, m_over in told)
            else:
                # "more than 100 Member States" is not contradicted by 200: an inexact number of the text only by one
                # far below it; an inexact number of the question by one far off either way
                wrong = all(n * NUMBER_RATIO <= m if m_approx else max(m, n) >= NUMBER_RATIO * min(m, n) if approx
                            else True for m, m_approx, _ in told)
            if wrong:
                return True
    return False


CUE_REACH = 2  # content words after "single" / "varied" that it may qualify ("one agreed definition")


def _after(table: dict, text: str, lang: str, reach: int = 4) -> set[str]:
    """The words a cue of `table` qualifies in `text`: the content words right after it, and the one right before
    («définition unique», «تعريفا واحدا»); "AI" aside. Unspaced text: the next `reach` characters."""
    t = _norm(text)
    found = set()
    skip = function_words(lang)
    for m in _rx(table, lang).finditer(t):
        if PROFILES[lang].cjk:
            found.add(re.sub(r"[的地得了是]", "", _rx(_AI, lang).sub(" ", t[m.end():m.end() + reach + 2]))[:reach])
            continue
        before, after = (_rx(_AI, lang).sub(" ", x) for x in (t[:m.start()], t[m.end():]))
        found |= set(tokenize(after, lang)[:CUE_REACH]) | set(tokenize(before, lang)[-CUE_REACH:])
    return found - skip


SHORT_SHARE = 0.66  # of three or more asked words, the share the "falls short" run must hold ("affects" / "impacts")


STANCE_DEPTH = 4  # content words before the first asked one, at most, for "does it support X?"


def _near_start(text: str, asked: set[str], lang: str) -> bool:
    """Is one of the asked words among the text's first content words (five-letter stems, as in _shared)?"""
    stems = {w[:5] for w in asked}
    # unspaced text is read in overlapping bigrams, about two to a word: "支持大规模远程评价" is 8, four words
    depth = (STANCE_DEPTH + 1) * (2 if PROFILES[lang].cjk else 1)
    return any(w[:5] in stems for w in _seq(text, lang)[:depth])


_DASH = re.compile(r"[\u2010-\u2015-]")


def _compounds_kept(question: str, text: str) -> bool:
    """"North–North cooperation?" has every word of "South-South and North-South-South cooperation": a compound
    name of the question (capitalised parts) must be in the text as it is."""
    t = _DASH.sub("-", _norm(text).lower())
    names = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", _DASH.sub("-", _norm(question)))
    # whole: "North-South" is not named by "North-South-South"
    return all(re.search(rf"(?<![\w-]){re.escape(c.lower())}(?![\w-])", t)
               for c in names if all(w[:1].isupper() for w in c.split("-")))


def _order_kept(question: str, text: str, asked: set[str], lang: str) -> bool:
    """"Should economies be relevant to curricula?" has every word of "ensure the relevance of curricula to changing
    economies": the asked words, "AI" among them, must come in the question's order, but for the last one (a
    passive moves its verb to the end: "Should pilot tests … be supported?"). A word not found as written is not
    judged."""
    qn, tn = (spelt_as_tokens(_norm(t).lower(), lang) for t in (question, text))
    ai_q, ai_t = _rx(_AI, lang).search(qn), _rx(_AI, lang).search(tn)
    places = [(qn.find(w), tn.find(w)) for w in asked]
    if ai_q and ai_t:
        places.append((ai_q.start(), ai_t.start()))
    places = sorted((i, j) for i, j in places if i >= 0 and j >= 0)[:-1]
    return all(a[1] < b[1] for a, b in zip(places, places[1:]))


def _asks_stance(question: str, lang: str) -> bool:
    """"Does the Consensus support / call for / want X?": asks what it recommends, not what is ("Does it say …?"
    asks what it says is)."""
    return (names_the_consensus(question) and (has(ENDORSE, question, lang) or _asks_wish(question, lang))
            or has(ASKED_TO, question, lang))


def _asks_wish(question: str, lang: str) -> bool:
    """"Does it call for / want / ask / recommend X?": a reporting verb that says what is wanted, not what is
    (`states`: "say", "think")."""
    return bool(_wish_words(question, lang))


def _wish_words(question: str, lang: str) -> set[str]:
    """The question's reporting verbs that say what is wanted (see _asks_wish)."""
    wished = set(PROFILES[lang].reporting.split()) - set(PROFILES[lang].states.split())
    if PROFILES[lang].cjk:
        return {w for w in wished if w in question}
    return wished & set(re.findall(r"\w+", _norm(question).lower()))


def _hedged(question: str, near: Sequence[str], sentence: str, lang: str) -> bool:
    """Does a hedge keep "yes" back? One in the answering words ("the potential of AI to …") always does; one that
    only opens the sentence ("Consider integrating … AI … for upgrading EMIS") not for "Does the Consensus suggest /
    recommend X?": every clause of 8-32 is what governments are asked to "consider implementing", and one that opens
    with "Consider" suggests X no less (it still does for "Should X be done?")."""
    opening = _opening(sentence, lang)
    found = [m.group(0) for m in _rx(HEDGE, lang).finditer(_norm(" ".join(near)))]
    if not found and not has(HEDGE, opening, lang):
        return False
    opens = has(HEDGE, opening, lang) and all(h in _norm(opening) for h in found)
    return not (opens and _asks_stance(question, lang))


def _opening(sentence: str, lang: str) -> str:
    """The first words of a sentence (characters where words are not spaced): where its governing verb is."""
    return sentence.strip()[:6] if PROFILES[lang].cjk else " ".join(sentence.split()[:3])


def _asks_mention(question: str, lang: str) -> bool:
    """"Does the Consensus mention / talk about X?", "Is X mentioned?": asks what the text holds. "Should governments
    address X?" asks what ought to be, whatever its verb."""
    return has(MENTION, question, lang) and not _asks_what_ought(question, lang)


def _asks_what_ought(question: str, lang: str) -> bool:
    """"Can / should / may X …?": the question asks what may or ought to be, not what is."""
    return has(MODAL, question, lang) or has(ABILITY, question, lang) or has(PERMISSION, question, lang)


def _roles(text: str, lang: str) -> Optional[tuple[int, int]]:
    """Where the people (or a group) and the thing that may act on them ("AI", "machines") are first named."""
    who = _who(text, lang)
    things = [m.start() for table in (_AI, MACHINES) for m in _rx(table, lang).finditer(text)]
    return (who, min(things)) if who is not None and things else None


def _agent_is_people(text: str, lang: str, roles: tuple[int, int]) -> bool:
    p = PROFILES[lang]
    if p.agent_ending:  # Russian: the instrumental acts in either voice («заменить учителей машинами»)
        for pos, is_people in ((roles[0], True), (roles[1], False)):
            word = re.match(r"\w+", text[pos:])
            if word and re.search(p.agent_ending, word.group(0)):
                return is_people
    first, later = sorted(roles)
    if p.agent_by and _rx(AGENT_BY, lang).search(text, first, later):  # a passive: the one after "by" acts
        return later == roles[0]
    return first == roles[0]


def _same_agent(question: str, statement: str, lang: str, names_people: bool) -> bool:
    """Do the question and the statement have the same one acting: people, or the thing named with them?
    names_people: the negated part itself names people; a question that leaves them out ("Can machines be
    displaced?") leaves open who may not displace whom."""
    qn, sn = _norm(question).lower(), _norm(statement).lower()
    qr, sr = _roles(qn, lang), _roles(sn, lang)
    if sr is None:
        return True
    if qr is None:
        return not names_people
    return _agent_is_people(qn, lang, qr) == _agent_is_people(sn, lang, sr)


def _who(text: str, lang: str) -> Optional[int]:
    """Where the first person or group ("people", "teachers", 人类) is named in `text`, or None."""
    found = [m.start() for m in _rx(PEOPLE, lang).finditer(text)]
    found += [text.find(g) for g in _group_terms(lang) if g in text]
    return min(found) if found else None


def _sides_of_ai_kept(question: str, text: str, lang: str) -> bool:
    """"Should people be in the service of AI?" has every word of "AI should be in the service of people": who
    serves whom is in the order. The people or group named first must stand on the same side of "AI" in both.
    Only people: a verb may change sides with the voice ("Should pilot tests of AI be supported?")."""
    qn, tn = _norm(question).lower(), _norm(text).lower()
    qa, ta = _rx(_AI, lang).search(qn), _rx(_AI, lang).search(tn)
    qw, tw = _who(qn, lang), _who(tn, lang)
    if not (qa and ta) or qw is None or tw is None:
        return True
    return (qw < qa.start()) == (tw < ta.start())


def _refutes_ban(question: str, q: set[str], part: str, sentence: str, lang: str, addressed: str = "") -> Optional[str]:
    """"No" when the question asks whether the Consensus bans, rejects or advises against X and the settling part,
    with the parts on either side of it (the text splits "support large-scale | and remote assessment"),
    recommends X with no negation, hedge or counter-verb in sight; else None."""
    parts = segments(sentence, lang)
    k = parts.index(part) if part in parts else -1
    # from the part before to the end of the part after (or of the sentence: a short tail is no part of its own)
    start = sentence.find(parts[k - 1]) if k > 0 else sentence.find(part)
    end = sentence.find(parts[k + 1]) + len(parts[k + 1]) if 0 <= k < len(parts) - 1 else len(sentence)
    window = sentence[start:end] if k >= 0 and start >= 0 and end > start else part
    # "Why does it want to stop neglecting / excluding X?", "… reject AI that is not human-controlled?": two
    # negative cues cancel out, and the question then agrees with a clause that recommends X
    if _cue_count(question, lang) > 1:
        return None
    # A "not" alone rarely denies the claim itself: "… the inclusion of students not studying in their mother
    # tongue?" (clause 24: "in a language other than"), "… among countries, not only within them?", 而不是,
    # 不但…而且 (round 7): all true, and refuted. Only a ban, a rejection or a stop is checked.
    if not has(PROHIBIT, question, lang):
        return None
    # the question's words with its ban or negation cut out (for Chinese, no bigram across the cut); "AI" is in
    # nearly every clause and says nothing about which thing is recommended
    bare = _rx(NEGATION, lang).sub(" ", _rx(PROHIBIT, lang).sub(" ", _norm(question)))
    bare = _rx(_AI, lang).sub(" ", bare)
    object_words = q & content(bare, lang) - function_words(lang)
    if PROFILES[lang].cjk:  # 各国的本国需求: a bigram across 的 joins two words and is in no sentence
        object_words = {w for w in object_words if "的" not in w} or object_words
    # "Why does it tell governments to stop collecting data?": the governments are who the clause's lead-in
    # addresses, not what is to be stopped; two words of the thing itself must stay
    told = {w for g in groups_in(question, lang) & groups_in(addressed, lang) for w in content(g, lang)}
    if len(object_words - told) >= 2:
        object_words -= told
    if not object_words or has(HARMS, question, lang):
        return None
    plain = _rx(KEEP_IN_VIEW, lang).sub(" ", _norm(window))
    # "Be cognizant of X, without losing sight of Y" keeps Y in view: awareness, but of what must not be dropped
    # ("we are cognizant of the urgency of reaffirming and renewing this commitment" asks for what it is aware of)
    aware = has(AWARENESS, sentence, lang) and not has(KEEP_IN_VIEW, window, lang) and not has(NEED, sentence, lang)
    if (has(PROHIBIT, sentence, lang) or has_negation(plain, lang) or has(COUNTER, sentence, lang)
            or has(HEDGE, part, lang) or aware):
        return None
    # "Why does it want to keep women out of AI professions?" has every word of "the gender gap … contributes to the
    # low share of women among AI professionals": a clause naming a problem does not recommend what it names
    if has(HARMS, window, lang):
        return None
    # every word of X, and not from "without losing sight of" (a question restating it agrees with the clause): a word
    # left over is what X adds to the clause ("stop underfunding programmes", "oppose gender-insensitive data",
    # "stop reckless development") and may be the very thing the clause is against (_holds_all)
    if _lookalike(question, plain, lang):
        return None
    return "no" if _holds_all(_shared(object_words, content(plain, lang), lang), len(object_words), lang) else None


def _holds_all(held: int, asked: int, lang: str) -> bool:
    """Are all `asked` words held? Where words are not spaced, two in three of the bigrams are (a bigram may straddle
    two words: 远程评估 / 远程评价 share one of three)."""
    return held == asked or PROFILES[lang].cjk and held * 3 >= 2 * asked


def _lookalike(question: str, text: str, lang: str) -> bool:
    """Does a long word of the question match the text only by its first five letters ("displace" / "display",
    "privatized" / "privacy", «compétitions» / «compétences»)? Words are compared by five-letter stems elsewhere
    («оценку» / «оценки»); where both words are long, the first seven letters must agree too."""
    if PROFILES[lang].cjk:
        return False
    words = [w.lower() for w in re.findall(r"\w+", _norm(text))]
    ending = PROFILES[lang].ending
    for w in {w.lower() for w in re.findall(r"\w+", _norm(question)) if len(w) >= 7}:
        alike = [t for t in words if t[:5] == w[:5]]
        if alike and all(len(t) >= 7 and t[:7] != w[:7] and not _declined(w, t, ending) for t in alike):
            return True
    return False


def _declined(a: str, b: str, ending: int) -> bool:
    """One word in two forms: a stem of six letters or more, then at most `ending` letters each («учителям» /
    «учителей»; never in languages whose profile allows no ending: "displace" / "display"), or of five letters then
    at most one letter more each (a verb's aspects: «включать» / «включить»), or one word with its
    final "e" dropped before an ending in any language: "upgrade" / "upgrading" (the shorter must end in "e")."""
    stem = len(os.path.commonprefix([a, b]))
    short, long_ = sorted((a, b), key=len)
    # a verb's two aspects differ in the vowel before their ending: «включать» / «включить», «заменять» / «заменить»
    rest = ending + 1 if stem == 5 else ending
    return (ending > 0 and stem >= 5 and len(a) - stem <= rest and len(b) - stem <= rest
            or len(short) >= 6 and short.endswith("e") and long_.startswith(short[:-1]))


def _cue_count(question: str, lang: str) -> int:
    """How many prohibiting or negating cues the question holds (a negation inside a prohibiting one not counted)."""
    spans = [m.span() for m in _rx(PROHIBIT, lang).finditer(_norm(question))]
    negations = [m for m in _rx(NEGATION, lang).finditer(_norm(question))
                 if not any(a <= m.start() < b for a, b in spans)]
    return len(spans) + len(negations)


def _unframed(question: str, lang: str, premise: bool, endorse: bool) -> str:
    """The question without its frame words, "AI" and "allow" set apart, where words are not spaced (cjk): bigrams would
    otherwise straddle a frame word and a content word ("共识为什么要求…" gives 识为, 么要), words no clause has, which make
    the question look further from every part than it is. Spaced languages drop whole frame words already."""
    if not PROFILES[lang].cjk:
        return question
    cues = [FRAME[lang], AUXILIARIES[lang]] + ([REPORTING[lang]] if premise else []) + \
        ([" ".join(_wish_words(question, lang))] if endorse else [])
    words = sorted({w for text in cues for w in text.split()}, key=len, reverse=True)
    text = _norm(question)
    for table in [WHY, YES_NO_QUESTION] + ([ENDORSE, ASKED_TO] if endorse else []):
        text = _rx(table, lang).sub(" ", text)
    text = re.sub(r"\d+\s*年?", " ", text)  # "到2030年": the year is checked apart (numbers())
    # "用人工智能进行远程评估", "允许教育中…": "AI" (and the light verb 进行) and "allow" are weighed apart; their own
    # bigrams stay, but 用人, 能进, 行远 and 许教 would be words that no part holds, which keep "yes" from a part that
    # holds everything else and thin out what a negated part is checked against
    for table in (_AI, PERMISSION):
        text = _rx(table, lang).sub(lambda m: f" {m.group(0)} ", text)
    for w in words:
        text = text.replace(w, " ")
    return text


def _shared(words: set[str], other: set[str], lang: str) -> int:
    """How many of `words` occur in `other`, an inflection counting («оценку» / «оценки»)."""
    if PROFILES[lang].cjk:
        return len(words & other)
    stems = {w[:5] for w in other}
    # a four-letter word is matched by a one-letter ending: «сбор» / «сбора», not «сборник» or "care" / "career"
    return sum(w[:5] in stems or len(w) == 4 and any(len(o) == 5 and o.startswith(w) for o in other) for w in words)


def opens_aware(sentence: str, lang: str) -> bool:
    """Does the sentence open by asking to be mindful of something ("Be mindful …", «Tener presente», 认识到)?"""
    return has(AWARENESS, _opening(sentence, lang), lang)


def _aware_only(sentence: str, lang: str) -> bool:
    """The sentence asks to be aware of something, not to do it ("Be mindful that AI provides opportunities")."""
    return has(AWARENESS, sentence, lang) and not has(NEED, sentence, lang)


BARE_PHRASE = 3  # content words in a part short enough to be a noun phrase sharing the previous part's verb


def _year_words(question: str, lang: str) -> set[str]:
    """The words next to a year ("by 2030", «к 2030 году», «بحلول عام 2030»): the year is checked apart."""
    near = re.findall(r"(\w+)?\s*\b(?:19|20)\d\d\b\s*(\w+)?", _norm(question))
    return content(" ".join(w for pair in near for w in pair), lang)


def _negated_run(part: str, sentence: str, lang: str) -> str:
    """The part with the negated parts next to it: "AI … should not deepen the digital divide | and must not
    display bias …" is one statement, its subject in the first part; "… cannot be displaced by machines | and
    ensure that their rights … are protected" is two."""
    parts = segments(sentence, lang)
    if part not in parts:
        return part
    k = parts.index(part)
    lo = hi = k
    while lo > 0 and has(STRONG_NEGATION, parts[lo - 1], lang):
        lo -= 1
    while hi < len(parts) - 1 and has(STRONG_NEGATION, parts[hi + 1], lang):
        hi += 1
    return " ".join(parts[lo:hi + 1])


def _covers(text: str, asked: set[str], lang: str, share: float = 1.0) -> bool:
    """Does `text` hold every word of `asked` (or `share` of them; an inflection or a synonym counting)? Where words
    are not spaced, three in four of its characters (a bigram across two words is no word)."""
    words = _with_synonyms(text, lang)
    if PROFILES[lang].cjk:
        chars = set("".join(asked))
        return len(chars & set("".join(words) + text)) >= 0.75 * share * len(chars)
    return _shared(asked, words, lang) >= share * len(asked)


def _with_synonyms(text: str, lang: str) -> frozenset[str]:
    """The content words of `text`, and those of every synonym of one of them ("displaced": "replace" too)."""
    words = content(text, lang)
    for group in SYNONYMS[lang]:
        members = [content(m, lang) or {m} for m in group]
        if any(_shared(m, words, lang) for m in members) or PROFILES[lang].cjk and any(m in text for m in group):
            words = words.union(*members)
    return words


def _cues_words(table: dict, text: str, lang: str) -> set[str]:
    return {w for m in _rx(table, lang).findall(_norm(text)) for w in content(m, lang)}


def decide_yes_no(question: str, evidence: Sequence[str], lang: str, embed: Embed,
                  negated: Optional[Sequence[bool]] = None) -> Optional[str]:
    """The system's yes/no for a yes/no question, or None when the evidence does not settle it safely."""
    found = settle(question, evidence, lang, embed, negated)
    return found.verdict if found else None


# --- frames -------------------------------------------------------------------------------------
# The system, not the model, says how the Consensus speaks: the gist starts with the frame of its clause's
# kind (the model writes only what follows), so a recommendation stays a recommendation and a request to
# UNESCO stays one. Wording from the official lead-ins of clauses 8, 33 and 39 (LanguageProfile.frames); what
# the grammar lets follow a frame's verb is LanguageProfile.frame_next.

def verdict_of(gist: str, lang: str) -> Optional[str]:
    """The yes/no a gist opens with, if any."""
    return next((v for v, words in _VERDICT_WORD.items() if re.match(rf"{words[lang]}(?:\b|[，,])", gist)), None)


def frame_kind(clause: int) -> FrameKind:
    """Clauses 1-7 state, 8-38 recommend (to governments, then to international partners), 39-44 invite UNESCO."""
    return FrameKind.STATES if clause < 8 else FrameKind.INVITES if clause >= 39 else FrameKind.RECOMMENDS


def opening(kind: str, lang: str, verdict: Optional[str] = None) -> str:
    """The start of a gist: the verdict word for a decided yes/no question, then the frame (lower-cased after
    the verdict unless it opens with a name: «Да, Пекинский консенсус рекомендует»)."""
    profile = PROFILES[lang]
    frame = profile.frames[FrameKind(kind)]
    if verdict is None:
        return frame
    if not frame.startswith(profile.keeps_capital):
        frame = frame[:1].lower() + frame[1:]
    return f"{profile.verdict_words[verdict]}{profile.verdict_separator}{frame}"


def kind_of_opening(start: str, lang: str) -> FrameKind:
    """The frame kind an opening was made from: opening()'s inverse. A verdict lower-cases the frame
    ("No, the Beijing Consensus recommends"), so the match ignores case."""
    frames = PROFILES[lang].frames
    return next((k for k, f in frames.items() if start.casefold().endswith(f.casefold())), FrameKind.STATES)


# --- the gist check ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GistCheck:
    ok: bool
    text: str                      # the gist as it would be shown (its first sentence)
    reasons: tuple[str, ...] = ()  # why it was rejected, e.g. ("polarity", "new_words:3")
    source: str = ""               # the official sentence the gist follows (shown with it)


_TERMINAL = re.compile(r"[.!。！]$|[.!。！][»\"”)]$")


def balance_quotes(text: str) -> str:
    """Drops quotation marks opened and never closed (or closed and never opened)."""
    for a, b in ('""', "«»", "“”"):
        if text.count(a) + text.count(b) == 1 or (a == b and text.count(a) % 2):
            text = text.replace(a, "").replace(b, "")
    return text


def first_sentence(text: str) -> str:
    from rag.evidence import split_sentences
    text = re.sub(r"\s+", " ", text).strip().strip("\"“”«»")
    sents = split_sentences(text)
    return balance_quotes(sents[0] if sents else text)


def _ordered_share(a: list[str], b: list[str]) -> float:
    """Share of `a` found in `b` in the same order (longest common subsequence / len(a))."""
    if not a:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1] / len(a)


def _together(text: str, asked: set[str], lang: str) -> bool:
    """Do the asked words stand in the text as one phrase: within a run of content words at most one longer than
    they are (five-letter stems, as in _shared)?"""
    stems = {w[:5] for w in asked}
    places = [(i, t[:5]) for i, t in enumerate(_seq(text, lang)) if t[:5] in stems]
    return any(len({s for j, s in places if i <= j <= i + len(stems)}) == len(stems) for i, _ in places)


def _seq(text: str, lang: str) -> list[str]:
    toks = _tokens(text, lang)
    return [t for t in toks if len(t) == 2] if PROFILES[lang].cjk else [t for t in toks if len(t) >= 3]


def _same_word(a: str, b: str, lang: str) -> bool:
    return a == b or not PROFILES[lang].cjk and min(len(a), len(b)) >= 4 and a[:4] == b[:4]  # "adoptar" / "adopten"


def starts_at_head(first: str, sentence: str, lang: str, skip: set[str] = frozenset(), parts: bool = True) -> bool:
    """Whether a gist whose first content word is `first` starts where `sentence`, or one of its parts, starts.
    A gist that starts further in has dropped the head that governs the rest: "Be mindful of the importance of |
    adopting principles" becomes "recommends adopting principles", «وتعزيز دور اليونسكو الريادي في مجال | استخدام
    الذكاء الاصطناعي» becomes "to use AI", and 强化 | 教师培训机构并制定… ("strengthen | teacher training
    institutions and draw up…") makes the institutions the actors. Even one skipped word is a verb."""
    for part in (sentence, *(segments(sentence, lang) if parts else ())):
        # A leading "not" is not a head ("فلا ينبغي", where the gist's «لا» is too short to count): the polarity
        # check keeps it.
        words = [t for t in _seq(part, lang) if t not in skip and not has_negation(t, lang)]
        if words and _same_word(first, words[0], lang):
            return True
    return False


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_BREAK = re.compile(r"[,;:，；：、،؛()]|\b(?:and|or|et|ou|y|o|и|или|و)\b|[并和与或]", re.I)


def _word_spans(text: str, lang: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of every word; Chinese, one character each. English words lose -ing and a final e."""
    if PROFILES[lang].cjk:
        return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]|[A-Za-z0-9]+", text)]
    return [(re.sub(r"[A-Za-z]+", _en_base, m.group(0)) if PROFILES[lang].english_stems else m.group(0).lower(), m.start(), m.end())
            for m in _WORD.finditer(text)]


def drops_inside_a_phrase(rest: str, source: str, lang: str) -> bool:
    """Whether two words next to each other in the gist stand apart in the source with no break between them:
    "the leading role of [UNESCO in] AI in education" turns UNESCO's role into AI's. Dropping a whole list item
    or coordinated part ("ethical, [non-discriminatory,] equitable") leaves a comma or "and" in the gap."""
    g = _word_spans(rest, lang)
    src = _word_spans(source, lang)
    a, b = [w for w, _, _ in g], [w for w, _, _ in src]
    # longest common subsequence, with the matched pairs
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if _same_word(a[i], b[j], lang) else max(dp[i + 1][j], dp[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if _same_word(a[i], b[j], lang) and dp[i][j] == dp[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    for (i1, j1), (i2, j2) in zip(pairs, pairs[1:]):
        if i2 == i1 + 1 and j2 > j1 + 1:
            gap = source[src[j1][2]:src[j2][1]]
            if not _BREAK.search(gap):
                return True
    return False


def _cues(table: dict, text: str, lang: str) -> set[str]:
    return {m.lower() for m in _rx(table, lang).findall(_norm(text))}


@dataclass(frozen=True)
class _Gist:
    """What every check of one gist reads: the gist after its opening, the evidence, and the official sentence it
    follows (the one holding its words in their order)."""
    text: str                      # the gist's first sentence, opening included
    rest: str                      # what the model wrote after the opening
    after_start: str               # text after the opening, unstripped (a comma right after it is bad grammar)
    question: str
    evidence: Sequence[str]
    lang: str
    kind: FrameKind                # the frame the opening was made from
    ev: str                        # the evidence, joined
    allowed: str                   # the evidence and the other official text the gist may draw words from
    frame: frozenset               # words an answer about the Consensus may need ("being aware that")
    seq: list                      # the gist's content words in order, frame words left out
    shares: list                   # per evidence sentence, the share of seq found in it in the same order
    k: int                         # the evidence sentence the gist follows
    source: str                    # that sentence
    negated: Optional[Sequence[bool]]


def _gist_context(text: str, start: str, question: str, evidence: Sequence[str], lang: str, context: str,
                  kind: Optional[FrameKind], negated: Optional[Sequence[bool]]) -> _Gist:
    rest = text[len(start):].strip(" ,،，")
    ev = " ".join(evidence)
    frame = frozenset(content(FRAME[lang], lang))
    seq = [t for t in _seq(rest, lang) if t not in frame]
    shares = [_ordered_share(seq, _seq(s, lang)) for s in evidence]
    k = max(range(len(evidence)), key=shares.__getitem__) if evidence else 0
    return _Gist(text=text, rest=rest, after_start=text[len(start):], question=question, evidence=evidence,
                 lang=lang, kind=FrameKind(kind) if kind is not None else kind_of_opening(start, lang), ev=ev,
                 allowed=ev + " " + context, frame=frame, seq=seq, shares=shares, k=k,
                 source=evidence[k] if evidence else "", negated=negated)


def _check_form(g: _Gist) -> list[str]:
    """One complete sentence in the asker's language, of sensible length."""
    reasons = []
    n_words = len(g.rest) if PROFILES[g.lang].cjk else len(g.rest.split())
    low, high = PROFILES[g.lang].gist_words
    if not low <= n_words <= high:
        reasons.append("length")
    if not _TERMINAL.search(g.text):
        reasons.append("incomplete")
    if detect(g.text).lang != g.lang or dominant_script(g.rest) != dominant_script(g.ev):
        reasons.append("language")
    return reasons


def _check_additions(g: _Gist) -> list[str]:
    """Nothing added: no number, group, name or content word that is not in the official text (the question's
    own words included: a question's premise is not the Consensus's)."""
    reasons, lang = [], g.lang
    if numbers(g.rest) - numbers(g.allowed):
        reasons.append("numbers")
    extra_groups = groups_in(g.rest, lang) - groups_in(g.allowed, lang)
    if extra_groups:
        reasons.append("groups:" + ",".join(sorted(extra_groups)))
    # " x " first: names_in skips a sentence's first word, and the rest starts mid-sentence
    if names_in(" x " + g.rest, lang) - {w.lower()[:6] for w in re.findall(r"\w+", g.allowed)} - AI_NAMES[lang]:
        reasons.append("names")
    words = content(g.rest, lang) - g.frame
    new = words - content(g.allowed, lang)
    if new:
        reasons.append(f"new_words:{len(new)}")
    if words and words <= content(g.question, lang):
        reasons.append("restates_question")
    return reasons


def _check_order(g: _Gist) -> list[str]:
    """Every content word in the order of ONE official sentence, none repeated more often: recombining and
    swapping words is where a reversed meaning hides ("reduce the divide and reduce investment", "machines
    cannot be displaced by teachers")."""
    src = _seq(g.source, g.lang)
    if not g.shares or max(g.shares) < 1.0 or any(g.seq.count(t) > src.count(t) for t in set(g.seq)):
        return ["reordered"]
    # A preamble sentence is one act ("Recalling the Qingdao Declaration, in which it was stated that …"): a
    # statement starts at its head, or it puts another text's words in the Consensus's mouth.
    if g.seq and not starts_at_head(g.seq[0], g.source, g.lang, g.frame, parts=g.kind != FrameKind.STATES):
        return ["headless"]
    if drops_inside_a_phrase(g.rest, g.source, g.lang):
        return ["dropped_inside"]
    return []


def _check_modality(g: _Gist) -> list[str]:
    """"consider" stays, nothing is claimed done that the text does not say is, a statement of the preamble
    keeps its "should", and what follows the frame's verb fits its grammar."""
    reasons, lang = [], g.lang
    if has(HEDGE, g.source, lang) and not has(HEDGE, g.rest, lang):
        reasons.append("hedge")
    if not _cues(ACCOMPLISHED, g.rest, lang) <= _cues(ACCOMPLISHED, g.ev, lang):
        reasons.append("accomplished")
    if g.kind == FrameKind.STATES and has(MODAL, g.source, lang) and not has(MODAL, g.rest, lang):
        reasons.append("modality")
    after = PROFILES[lang].frame_next.get(g.kind)
    if after and not re.match(after, g.rest) or g.kind != FrameKind.STATES and re.match(r"\s*[,،，]", g.after_start):
        reasons.append("grammar")  # "recommande protéger", "recomienda extrayendo", "ЮНЕСКО, действовать"
    return reasons


def _check_polarity(g: _Gist, embed: Embed) -> list[str]:
    """The gist is negated exactly when its source sentence is (in any of the six versions), and each part keeps
    the negation of the evidence part it is closest to (and is close to one)."""
    lang = g.lang
    own = has_negation(g.source, lang)
    source_negated = own or (g.negated is not None and g.k < len(g.negated) and g.negated[g.k])
    if (has_negation(g.rest, lang) and not source_negated
            or source_negated and not own and not has_negation(g.rest, lang)):
        return ["polarity"]  # a negation added, or one this version words without a cue dropped
    gparts, eparts = segments(g.rest, lang), [p for s in g.evidence for p in segments(s, lang)]
    vecs = embed(gparts + eparts)
    sims = vecs[:len(gparts)] @ vecs[len(gparts):].T
    for i, part in enumerate(gparts):
        j = int(np.argmax(sims[i]))
        if sims[i, j] < MIN_ALIGN_COS:
            return ["unsupported"]
        if has_negation(part, lang) != has_negation(eparts[j], lang):
            return ["polarity"]
    return []


def check_gist(gist: str, question: str, evidence: Sequence[str], lang: str, embed: Embed, *,
               start: str, context: str = "", verdict: Optional[str] = None,
               negated: Optional[Sequence[bool]] = None, kind: Optional[FrameKind] = None) -> GistCheck:
    """Decide whether `gist` may be shown above `evidence` (the official sentences it was written from).

    start:   the opening the system chose (verdict word + frame); the gist must begin with it.
    context: other official text the gist may draw words from (the lead-in naming who is addressed).
    verdict: the system's yes/no for a yes/no question (None: undecided or not a yes/no question).
    negated: per evidence sentence, whether any of its six official versions is negated (a cue missing in
             one language is found in another).
    kind:    the frame kind `start` was made from (None: read back from `start`).

    The checks run in order (form, additions, order, modality) and all report; polarity, which embeds, runs
    only when none of them rejects the gist.
    """
    text = first_sentence(gist)
    if not text.startswith(start):
        return GistCheck(False, text, ("opening",))
    g = _gist_context(text, start, question, evidence, lang, context, kind, negated)
    reasons = [*_check_form(g), *_check_additions(g), *_check_order(g), *_check_modality(g)]
    if not reasons:
        reasons = _check_polarity(g, embed)
    return GistCheck(not reasons, text, tuple(reasons), g.source)
