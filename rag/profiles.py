"""Everything one language needs, in one place: one `LanguageProfile` per official language of the Consensus.

To add a language, add one `LanguageProfile(...)` below and list it in `PROFILES` (the README's "Adding a language"
says what else a new language needs: its official text in the corpus and its UI strings). Every field is
required: the dataclass has no defaults, so a profile that leaves one out fails when this module is imported, and
the check at the bottom fails when a language of the corpus has no profile.

The cue patterns of rag/verify.py are regular expressions matched case-insensitively on NFC text with "’" read as
"'" and every digit as ASCII (rag/verify.py `_norm`). They are short and cannot be complete; rag/verify.py says what
backs them. The old per-module tables (`rag.verify.NEGATION`, `rag.kinds.FACT`, `rag.mention.ABOUT`,
`rag.lexical.STOP`, `rag.direct.QUOTES`, `rag.scope.OFF_TOPIC`, `rag.corpus.PREAMBLE`…) are views of these profiles,
kept so callers read them as before. No other module branches on a language code: it reads a field or a flag here
instead (tests/test_profiles.py checks the source).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Mapping

from rag.langs import LANGS


class FrameKind(str, Enum):
    """How the Consensus speaks in a clause: clauses 1-7 state, 8-38 recommend, 39-44 invite UNESCO's
    Director-General (a str Enum: it compares equal to "states", "recommends", "invites")."""
    RECOMMENDS = "recommends"
    INVITES = "invites"
    STATES = "states"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class LanguageProfile:
    code: str                        # ISO 639-1, as in rag.corpus.LANGS

    # cues (regular expressions) read by rag/verify.py
    negation: str                    # any negation, "without" and "the lack of" included
    strong_negation: str             # a negated modal ("cannot", "must not", 不应, لا ينبغي): what may turn a yes/no
                                     # question into "no". Not a negated modifier ("non-formal", 不发达, «لا يشوبها»
                                     # free of), a double negation (不能忽视, cannot ignore) or a relative clause
                                     # ("those who do not"): each once gave a wrong "no".
    denial: str                      # words that deny or rule out in a question ("deny", "impossible", "irreplaceable",
                                     # 否认): its negation is hidden in the word, so no yes/no verdict is safe
    wary: str                        # words by which a question sets itself against what it names ("protect teachers
                                     # from being replaced", "warn", "the risk that", 担心): a "cannot" sentence then
                                     # answers yes, so it may not say "no"
    awareness: str                   # "be mindful that", "recognize": awareness, not a recommendation
    need: str                        # "the need / importance of X": awareness of a need recommends X
    modal: str                       # must, should, need
    accomplished: str                # claims that something is done or guaranteed
    hedge: str                       # consider, explore, possible: not a recommendation to do it
    yes_no_question: str             # a question answered by yes or no
    wh_question: str                 # a wh-word (a yes/no match with one is not a yes/no question)
    why: str                         # "why does the Consensus …": the question asserts what it does
    restrictive: str                 # only, all, must: a verdict from polarity alone is unsafe
    prohibit: str                    # ban, reject, weaken
    harms: str                       # harms the Consensus itself warns about
    counter: str                     # verbs that act against something (reduce, combat)
    study: str                       # research, analysis: "support research on X" does not support X
    keep_in_view: str                # "without losing sight of": a double negation
    enough: str                      # "enough", "well represented": the question asks whether X is sufficient
    short: str                       # "the lack of", "the low share of": the text says X falls short
    states: str                      # the reporting verbs that say what is (say, think), not what is wanted (ask, call)
    single: str                      # "a single", "one": the question asks whether there is one X
    many: str                        # "multiple", "varied", "different": the text says there are many X
    about_number: str                # "around", "more than", "at least": a number that is not exact
    under_number: str                # "fewer than", "at most", "up to": a number that bounds from above
    over_number: str                 # "more than", "at least": of `about_number`, those that bound from below
    asked_to: str                    # "is UNESCO asked / invited to …?", «Рекомендуется ли …?»: a stance in the passive
    permission: str                  # "be allowed to", 允许: asks whether X may happen, names nothing the text must hold
    people: str                      # people in general ("people", "humans", 人类): with the groups, who acts or is served
    ability: str                     # "can", "may": with `modal`, what makes a question ask what may or should be, not
                                     # what is ("Does AI deepen the divide?" is not answered by "should not deepen")
    machines: str                    # machines, robots, computers: with "AI", what may act on people
    agent_by: str                    # what introduces the agent of a passive ("by", «par», 被): the one after it acts
    agent_ending: str                # an ending that marks the agent in any voice (Russian instrumental); "" none
    synonyms: tuple                  # words a question may use for those of the text, negated or not ("replace"
                                     # for "displace", "robots" for "machines"), one space-separated group each
    aliases: tuple                   # words a question may name a subject by that the text names otherwise ("elderly"
                                     # for "older people"): not "not mentioned" when another of the group is there
    endorse: str                     # "does it support X?": the stance verb is not part of X
    mention: str                     # "does it mention / talk about X?": asks what the text holds, not what ought to be
    ai: str                          # "AI" itself: says nothing about which thing is meant
    ai_domain: str                   # "AI" with "in education", the whole document's domain: no word of what a
                                     # yes/no question asks the answering part to hold
    separators: str                  # words that split a sentence into parts (besides , ; :)
    refers_back: str                 # a demonstrative ("these concerns") opening a sentence that continues the one
                                     # before it and says nothing alone (rag/evidence.py: the two are quoted together)
    # word lists (space-separated; "-" joins a multi-word term)
    groups: str                      # groups of people and bodies a gist may name only if the evidence does
    auxiliaries: str                 # a yes/no question's own auxiliaries
    frame_words: str                 # words a gist may add to frame the answer
    reporting: str                   # "why does it ask / want X": the verb reports the claim
    ai_names: frozenset              # "AI" as a capitalised name a gist may add
    # question kinds (rag/kinds.py) and subjects (rag/mention.py)
    fact: str                        # how many / when / where / who
    numeric: str                     # how many / when / which year
    dated: str                       # when / which year / what dates: the quote must hold a year
    asked: str                       # what a question about everything an addressee is asked may add
    addressees: Mapping[tuple, str]  # (first clause, last clause) -> how a question names that addressee
    countries: str                   # countries asked to act ("call on countries to …"): who 8-32 address, not 33-44
    about: str                       # the subject follows one of these ("about X", "mention X")
    about_case: str                  # a preposition whose case the "not mentioned" frame can keep («о здоровье»); "" none
    word_pairs: bool                 # two side-by-side words the text never joins make a subject it lacks ("social
                                     # media"); False where clitics fuse to words (Arabic «بغير»: "with other than")
    claim: str                       # "does it say that …": a claim is checked, it names no subject (rag/mention.py)
    subject_frame_words: tuple       # words that frame a question about the document, not its subject
    function_words: tuple            # function words long enough to pass for content
    subject_clitic: str              # a pronoun glued to a question's verb ("recommande-t-il"); "" none
    subject_verb: str                # a word ending that marks a finite verb or infinitive, not a subject; "" none
    # the system's own words
    frames: Mapping[FrameKind, str]  # the opening of a gist, per frame kind
    frame_next: Mapping[FrameKind, str]  # what the grammar lets follow a frame's verb (absent: anything)
    verdict_words: Mapping[str, str]     # "yes" / "no" -> the word a verdict opens with
    verdict_separator: str           # between the verdict word and the frame
    keeps_capital: tuple             # frame openings that keep their capital after a verdict (a name)
    # flags that replace branches on the language code
    cjk: bool                        # words are not spaced: content words are character bigrams, length counts characters
    english_stems: bool              # "-ing" and a final "e" dropped before comparing words
    capitalised_names: bool          # a capitalised word inside a sentence is a name
    group_match: str                 # how a group term is found: "prefix" of words, "tokens", or "substring"
    ending: int                      # letters an inflection may change after a shared stem of six or more, where two
                                     # long words that agree in five letters only are taken for lookalikes (verify.py)
    yes_no_opener: str               # asks yes/no whatever wh-word follows ("est-ce que", "peut-on", "Говорится ли …, что");
                                     # matched on the question with its "¿"; "" none
    gist_words: tuple                # (min, max) length of a gist, in words (characters when cjk)
    confident: float                 # evidence score at which "Clause N addresses this:" is said (rag/answer.py): the
                                     # scores of a language's questions run higher or lower, so each has its own bar
    # the source text (rag/corpus.py)
    preamble: str                    # the heading that opens this language's version: where the version starts
    script: str                      # the script of its letters: lines in another script are noise; detection
    rtl: bool                        # right to left: the extraction put clause numbers at line ends, reversed word
                                     # groups, mirrored brackets and moved marks (mended there)
    mend_split_words: bool           # the extraction split words at line ends and with stray spaces: mended with
                                     # a dictionary (pymorphy3, which knows Russian only)
    # search (rag/lexical.py) and language detection (rag/lang.py)
    stop_words: frozenset            # words BM25 leaves out
    tokenizer: str                   # how BM25 cuts text into terms: "han" (characters and bigrams), "arabic"
                                     # (normalised, clitic prefixes cut) or "stem" (folded 6-letter stems)
    detect_words: frozenset          # function words that show a question is in this language (characters when
                                     # cjk; elided forms such as "l'" and "-t-" are words of their own)
    detect_frame_words: frozenset    # those that frame a question (question words, auxiliaries): they weigh double
                                     # where languages share a script
    detect_article: str              # a word with the article glued on counts as a function word; "" none
    accents: str                     # letters that hint at this language among those of its script; "" none
    clause_words: str                # how a question of a word or two names a clause ("párrafo 12"): tells apart
                                     # languages that share a script; "" none
    traditional_chars: bool          # questions may come in traditional characters: searched as simplified
    # scope (rag/scope.py) and follow-up questions (rag/followup.py)
    off_topic: tuple                 # everyday subjects the Consensus does not answer: off-topic prototypes
    follow_up_words: frozenset       # pronouns, demonstratives, "also", "why": the question may lean on the last one
    follow_up: str                   # a phrase that opens a follow-up ("what about"), found in a question of any
                                     # language; in a cjk language, any word that refers back
    follow_up_proclitic: str         # "and"/"so" glued to a question's first word opens a follow-up; "" none
    # quoting the official words (rag/direct.py)
    quotes: tuple                    # (opening, closing) quotation marks, spaces included
    inner_quotes: Mapping[str, str]  # a quotation mark of the official text -> the mark it takes inside a quote
    ellipsis: str                    # marks a cut in a quote
    brackets: tuple                  # (opening, closing) around an aside, spaces included


EN = LanguageProfile(
    code="en",
    # --- cues (regular expressions; rag/verify.py) ---
    negation=(r"\b(?:not|no|never|cannot|none|nothing|neither|nor|without|lack|lacks|lacking|absence|avoid\w*|"
              r"prevent\w*|instead of|rather than)\b|n't\b|\bnon-"),
    strong_negation=r"\b(?:cannot|never|(?:can|could|should|must|may|shall|will|would)\s+not|(?:ca|could|should|must|wo|would)n't)\b",
    denial=(r"\b(?:den(?:y|ies|ied|ying|ial)|disput\w*|contest\w*|refus\w*|(?:un|in|im|ir|il)\w{3,}(?:able|ible)|"
            r"unaccept\w*|unable|incapab\w*|wrong\w*|false|untrue|incorrect|mistaken|unethical|unfair|unnecessary|fail\w*)\b"),
    wary=(r"\b(?:guard\w*|safeguard\w*|shield\w*|keep\w*|warn\w*|caution\w*|concern\w*|worr\w*|fear\w*|afraid|alarm\w*|"
          r"risk\w*|danger\w*|threat\w*|resist\w*|fight\w*|defend\w*|limit\w*|restrict\w*|curb\w*|preserv\w*|vigilan\w*|"
          r"careful|beware|prevent\w*|avoid\w*|free (?:of|from))\b"),
    awareness=r"\b(?:mindful|aware|cognizant|recogni\w*|note)\b",
    need=r"\b(?:need|needs|importance|urgency)\b",
    modal=r"\b(?:should|must|need\w*|ought|shall)\b",
    accomplished=r"\b(?:has been|have been|had been|already|guarantee\w*|proven|achieved)\b",
    hedge=r"\b(?:consider\w*|explor\w*|possib\w*|potential\w*)\b",
    yes_no_question=(r"^(?:(?:and|but|so|then|according to [^,]+,)\s+)?(?:is|are|can|could|does|do|did|should|will|"
                     "would|must|may|might|has|have|shall|was|were|isn't|aren't|doesn't|don't|shouldn't|won't|"
                     r"can't)\b"),
    wh_question=r"^(?:what|how|why|when|where|who|whom|which|whose)\b",
    why=r"^(?:(?:and|but|so)\s+)?why\b|\bwhat is the reason\b",
    restrictive=(r"\b(?:only|solely|exclusively|all|every|always|never|any|entirely|fully|completely|single|one|"
                 r"unique|unified|same|universal|mandatory|compulsory|required|ban\w*|forbid\w*|must|have to|"
                 r"obliged|requires?|demands?|insists?|mandates?|obliges?|imposes?)\b"),
    prohibit=(r"\b(?:ban|bans|banned|banning|prohibit\w*|forbid\w*|outlaw\w*|abolish\w*|eliminat\w*|get rid of|do "
              r"away with|drop|drops|dropping|stop|stops|stopping|abandon\w*|discontinu\w*|phase out|reject\w*|"
              r"weaken\w*|undermin\w*|discourag\w*|advis\w* against|warn\w* against|rul(?:e|es|ed|ing) out|exclud\w*|"
              r"downplay\w*|dismiss\w*|oppos\w*|ignor\w*|neglect\w*|disregard\w*|keep\w*(?= (?:\w+ ){1,3}?out of)|"
              # "say teachers don't need any training": a need denied is a claim against X, as a ban is
              r"(?:do|does|did)(?:n't| not) need(?: any)?|needs? no|no need (?:for|to)|needn't|unnecessary|"
              # "recommend not using X": advice against X, as a ban is (the "not" is part of the cue, not a second one)
              r"(?:recommend\w*|advis\w*|urg\w*)\s+(?:that\s+)?not|"
              # "want cooperation not to take national needs into account": a thing left out of account is ignored
              r"(?:not|n't)\s+(?:to\s+)?(?:(?:take|takes|taking|took)\s+into\s+account|consider|considers|considering|"
              r"heed\w*))\b"),
    harms=(r"\b(?:bias\w*|impairment\w*|disabilit\w*|negative|divides?|gaps?|risks?|harm\w*|misuse\w*|discriminat\w*|inequalit\w*|inequit\w*|threats?|"
           r"danger\w*|surveillance|abuse\w*|violat\w*|prejudic\w*|exclusion|disinformation|cheat\w*|conflict\w*|"
           r"disaster\w*|disparit\w*|low|lack\w*|shortage\w*|polari[sz]\w*|vulnerab\w*|barriers?|obstacles?)\b"),
    study=r"\b(?:research\w*|stud(?:y|ies)|analys[ie]s|analy[sz]\w*|investigat\w*|review\w*)\b",
    counter=(r"\b(?:reduc\w*|mitigat\w*|combat\w*|tackl\w*|bridg\w*|clos(?:e|ing) the|minimi[sz]\w*|overcom\w*|"
             r"counter\w*|protect\w*|address\w*|eradicat\w*|free (?:from|of))\b"),
    keep_in_view="without losing sight of",
    enough=r"\b(?:enough|sufficient\w*|adequate\w*|well[- ]represented|plenty|abundant\w*)\b",
    short=r"\b(?:lack|absence|shortage|low|insufficient\w*|scarc\w*|few|fewer|under-?represented)\b",
    states=("tell tells say says claim claims think thinks believe believes consider considers state states "
            "recognize recognizes recognise recognises acknowledge acknowledges admit admits"),
    single=r"\b(?:single|one(?! of\b)|sole|unique|unified|uniform)\b",
    many=r"\b(?:multiple|varied|various|different|diverse|several|broad range of)\b",
    about_number=r"\b(?:around|about|approximately|roughly|nearly|almost|some|over|more than|at least)\s*$",
    under_number=r"\b(?:less than|fewer than|at most|up to|under|below|before)\s*$",
    over_number=r"\b(?:over|more than|at least|after|since)\s*$",
    asked_to=r"\b(?:asked|invited|urged|encouraged|recommended|called (?:on|upon))\s+to\b",
    permission=r"\b(?:allow\w*|permit\w*|toler\w*|acceptabl\w*|okay|ok)\b",
    people=r"\b(?:people|humans?|human beings?|persons?|humanity|mankind|vulnerable)\b",
    ability=r"\b(?:can|could|may|might)\b",
    machines=r"\b(?:machines?|robots?|computers?)\b",
    agent_by=r"\b(?:by|with)\b",  # "replace teachers with robots": the robots take the place
    agent_ending="",
    synonyms=("replace displace substitute supplant", "machine robot computer", "show display exhibit",
              "deepen widen worsen aggravate exacerbate", "teacher educator",
              "study research", "impact effect affect influence"),
    aliases=("elderly older seniors senior aged", "pupils pupil students learners"),
    endorse=(r"\b(?:support|supports|endorse|endorses|encourage|encourages|promote|promotes|advocate|advocates|"
             r"favou?r|favou?rs|back|backs|accept|accepts|tolerate|tolerates|condone|condones)\b"),
    mention=r"\b(?:mention\w*|talks? about|speaks? (?:of|about)|refers? to|discuss\w*|address(?:es)?|covers?|deals? with)\b",
    ai=r"\b(?:AI|artificial intelligence)\b",
    ai_domain=r"\b(?:educational\s+)?(?:AI|artificial intelligence)(?:\s+in\s+education)?\b",
    # --- word lists (space-separated) ---
    groups=("teacher student learner pupil parent girl women woman child youth young government minister "
            "policymaker policy-maker researcher scientist expert compan industr private-sector civil-society "
            "communit famil employer worker member-states unesco director-general donor partner stakeholder "
            "universit disab minorit indigenous migrant refugee rural elder older adult developer"),
    auxiliaries=("should can could will would does did are must may might has have shall was were there use using "
                 "used"),
    frame_words=("beijing consensus recommends recommend says states calls urges encourages stresses notes yes no "
                 "also countries being according"),
    reporting=("tell tells ask asks call calls want wants require requires demand demands say says claim claims "
               "insist insists urge urges suggest suggests propose proposes recommend recommends advocate advocates "
               "seek seeks aim aims intend intends wish wishes push pushes"),
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    fact=(r"\b(?:how many|how much|when|where|who|whom|(?:which|what) (?:years?|dates?|days?|city|cities|country|"
          r"countries|months?))\b"),
    numeric=r"\b(?:how many|how much|when|what (?:year|date)s?|which (?:year|date)s?|on what dates?)\b",
    dated=r"\b(?:when|(?:what|which) (?:years?|dates?|days?|months?))\b",
    asked=(r"\b(?:ask\w*|invit\w*|recommend\w*|do|does|actions?|measures?|steps?|tasks?|role|expect\w*|request\w*|"
           r"call\w* on|want\w*|should|must|what|which|of|unesco|the|to|consensus|beijing|in|declare\w*|"
           r"say|says|state\w*|agree\w*|did|under|have|has|had|according|supposed|list|all|"
           r"summar\w*|conference|give\w*|assign\w*)\b"),
    claim=r"\b(?:say|says|said|state|states|claim|claims|think|thinks|consider|considers|believe|believes)\s+that\b",
    about_case="",
    word_pairs=True,
    about=(r"\b(?:about|regarding|concerning|on the (?:subject|topic|question) of|mentions?|mentioned|covers?|"
           "addresse?s?|discuss(?:es)?|refers? to|recommends?|supports?|endorses?|encourages?|promotes?|say on|"
           r"include)\b"),
    separators=r"\band\b|\bbut\b|\bwhile\b",
    refers_back=r"\b(?:these|this|such|those)\b",
    ai_names=frozenset({"ai"}),
    subject_frame_words=tuple(("what does do did is are was were the beijing consensus document say says said tell "
                               "tells anything something any there think position view stance text ai artificial "
                               "intelligence education educational school schools learning use using it its them "
                               "they their our we can could should would will how why which who where when many "
                               "much year years people thing things everyone anyone").split()),
    function_words=tuple(("with within into onto without through across among between during using via than also "
                          "only their they them this that these those other such out any after before toward towards against").split()),
    subject_clitic="",
    subject_verb="",
    addressees={
        (1, 7): "preamble|participants",
        (39, 44): "director[- ]general",
        (33, 38): "international (?:organi[sz]ations|partners)",
        (8, 32): r"governments?(?: and (?:other )?stakeholders)?",
    },
    countries=r"\b(?:countries|member states|nations)\s+to\b",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "The Beijing Consensus recommends",
        FrameKind.INVITES: "The Beijing Consensus invites the Director-General of UNESCO to",
        FrameKind.STATES: "According to the Beijing Consensus,",
    },
    frame_next={},
    verdict_words={"yes": "Yes", "no": "No"},
    # --- flags that replace branches on the language ---
    cjk=False,
    english_stems=True,
    capitalised_names=True,
    group_match="prefix",
    ending=0,
    yes_no_opener="",
    verdict_separator=", ",
    keeps_capital=(),
    gist_words=(3, 40),
    confident=0.87,
    # --- the source text (rag/corpus.py) ---
    preamble="Preamble",
    script="latin",
    rtl=False,
    mend_split_words=False,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset(("the a an of and or to in on for with by is are be what how does do which about that this it "
                          "its as at from say says said").split()),
    tokenizer="stem",
    detect_words=frozenset(("the a an of to in on for with about by from at as into through within without between and "
                            "or but not no nor is are was were be been being do does did doing done have has had can "
                            "could should would will shall may might must what which who whom whose how why where when "
                            "there here this that these those it its they their them we our us you your i my me he she "
                            "his her any anything something all some say says said tell mention mentions recommend "
                            "recommends regarding concerning according than then so if whether also only e.g. i.e.").split()),
    detect_frame_words=frozenset(("what which who whom whose how why where when is are was were do does did can could "
                                  "should would will shall may might must have has had it they we you i he she there say "
                                  "says said tell mention mentions mentioned recommend recommends recommended cover "
                                  "covers covered discuss discusses discussed address addresses addressed").split()),
    detect_article="",
    accents="",
    clause_words=r"\b(clauses?|paragraphs?|sections?)\b",
    traditional_chars=False,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "weather forecast and climate", "cooking recipes and food", "football, sports results and athletes",
        "travel, tourism, hotels and flights", "stock market, prices, money and banking",
        "medicine, health, illness and doctors", "geography, countries, capitals and cities",
        "movies, music, celebrities and entertainment", "buying electronics, phones and laptops",
        "history of wars and kings", "cars, transport and repairs", "physics, chemistry and science facts",
        "politics, elections and parties", "jobs, salaries and taxes",
        "homework answers, exam tips and test preparation", "university admissions, scholarships and degrees",
        "apps and online courses for learning a language", "how chatbots work and which company made them",
    ),
    follow_up_words=frozenset(("it its it's they them their theirs this that these those he she him her his there also "
                               "too else more same such other others another and but so then why example examples").split()),
    follow_up=r"^\s*(what|how) about\b",
    follow_up_proclitic="",
    # --- quoting (rag/direct.py) ---
    quotes=("“", "”"),
    inner_quotes={"“": "‘", "”": "’"},
    ellipsis="…",
    brackets=(" (", ")"),
)

FR = LanguageProfile(
    code="fr",
    # --- cues (regular expressions; rag/verify.py) ---
    negation=(r"\b(?:ne|n|pas|jamais|aucun|aucune|sans|ni|non|rien|nullement|manque|absence|évit\w*|empêch\w*|plutôt "
              r"que|au lieu de)\b|\bnon-"),
    strong_negation=r"\b(?:ne|n')\s*(?:peu\w*|pourr\w*|doi\w*|devr\w*|faut|saur\w*)\b|\b(?:ni|jamais)\b",
    denial=(r"\b(?:ni(?:e|es|ent|er|é|ée|és)|contest\w*|refus\w*|(?:in|im|ir|il)\w{3,}(?:able|ible)s?|faux|fausse|"
            r"erron\w*|tort|incorrect\w*|contraire)\b"),
    wary=(r"\b(?:mett\w* en garde|avert\w*|gard\w*|craint\w*|crai(?:n|gn)\w*|inqui\w*|préoccup\w*|souci\w*|risqu\w*|"
          r"dang\w*|menac\w*|résist\w*|défend\w*|limit\w*|restrei\w*|restrict\w*|frein\w*|préserv\w*|vigilan\w*|"
          r"prudence|méfi\w*|prév(?:en|ien)\w*|évit\w*|empêch\w*|exempt\w*)\b"),
    awareness=r"\b(?:conscien\w*|esprit|attentif\w*|reconna\w*|tenir compte)\b",
    need=r"\b(?:nécessité|besoins?|importance|urgen\w*)\b",
    modal=r"\b(?:doit|doivent|devrait|devraient|faut|nécessaire\w*)\b",
    accomplished=r"\b(?:a été|ont été|déjà|garanti\w*|prouvé\w*|atteint\w*)\b",
    hedge=r"\b(?:envisag\w*|examiner|étudier|possib\w*|potentiel\w*)\b",
    yes_no_question=r"^est-ce qu|\b\w+-(?:t-)?(?:il|elle|ils|elles|on)\b|^(?:y a-t-il|faut-il|peut-on|doit-on)",
    # at the start of the question or of a part after a comma (a relative "que"/"qui" further on asks nothing)
    wh_question=(r"(?:^|[,:]\s*)(?:(?:à|a|en|de|d'|pour|par|sur|avec|dans|selon|chez)\s*)?(?:que|qu'|qu’|quoi|comment|"
                 r"pourquoi|quand|où|quel\w*|combien|qui|lequel|laquelle|lesquel\w*)\b|\bquoi\b"),
    why=r"\bpourquoi\b",
    restrictive=(r"\b(?:seulement|uniquement|exclusivement|tous|toutes|chaque|toujours|jamais|entièrement|seul\w*|"
                 r"unique\w*|même\w*|universel\w*|obligatoire\w*|interdi\w*|doit|doivent|obligé\w*|exig\w*|"
                 r"impos\w*|requi\w*|réclam\w*|oblig\w*)\b"),
    prohibit=(r"\b(?:interdi\w*|prohib\w*|bannir|bannit|banni\w*|abolir|aboli\w*|supprim\w*|élimin\w*|proscri\w*|"
              r"arrêt\w*\s+(?:de\b|d'|d’)|abandonn\w*|renonc\w*|rejet\w*|rejett\w*|affaibli\w*|déconseill\w*|décourag\w*|dissua\w*|"
              # «tenir l'IA à l'écart»: the keeping is the cue (below), «écart» no second one that would cancel it
              r"exclu\w*|(?<!à l')(?<!à l’)écart\w*|minimis\w*|oppos\w*|ignor\w*|néglig\w*|"
              r"(?:recommand\w*|conseill\w*|préconis\w*|demand\w*|exhort\w*)(?:-t)?(?:-(?:il|elle|ils|elles))?\s+"
              r"(?:de\s+|d['’])?ne\s+(?:pas|plus|jamais)|"
              r"(?:tenir|tient|tiennent|maintenir|garder)(?=\s+(?:\S+\s+){0,3}?à\s+l['’]écart)|"
              r"n['’](?:ont|a|avons|avez|aurai\w*)\s+(?:pas\s+|plus\s+|nullement\s+)?besoin(?:\s+d['’]aucun\w*)?|"
              r"pas\s+besoin|aucun\s+besoin|inutile\w*|superflu\w*|"
              # «ne tienne pas compte des besoins nationaux»: ce dont on ne tient pas compte est ignoré
              r"ne\s+(?:tien\w*|ten\w*|pren\w*)\s+(?:pas|plus|jamais)\s+(?:compte|en\s+compte|en\s+considération)|"
              r"ne\s+(?:considèr\w*|consid[ée]r\w*)\s+(?:pas|plus|jamais))\b"),
    harms=(r"\b(?:biais|handicap\w*|négati\w*|fractures?|(?<!à l')(?<!à l’)écarts?|risques?|préjud\w*|préjug\w*|abus\w*|discrimin\w*|inégalit\w*|iniquit\w*|menaces?|"
           r"danger\w*|surveillance|violations?|exclusion|désinformation|trich\w*|conflits?|catastroph\w*|disparit\w*|"
           r"faible\w*|manque\w*|pénurie\w*|polaris\w*|vulnérab\w*|barrières?|obstacles?)\b"),
    study=r"\b(?:recherche\w*|étude\w*|études|analyse\w*|examen\w*|enquête\w*)\b",
    counter=(r"\b(?:rédui\w*|réduction|atténu\w*|lutt\w*|combat\w*|combler|minimis\w*|surmont\w*|protég\w*|"
             r"protection|remédi\w*|exempt\w*\s+de|dépourvu\w*\s+de)\b"),
    keep_in_view="sans perdre de vue",
    enough=r"\b(?:suffisa\w*|suffi\w*|assez|adéquat\w*|bien représenté\w*|(?<!peu )nombreu\w*)\b",
    short=r"\b(?:absence|manque\w*|pénurie|faible\w*|insuffis\w*|peu nombreu\w*|sous-représenté\w*)\b",
    states="dit affirme prétend considère estime pense déclare reconnaît reconnait admet après",  # «d’après»: according to
    single=r"\b(?:seule?s?|unique\w*|unifié\w*)\b",
    many=r"\b(?:multiples?|variée?s?|divers\w*|différent\w*|plusieurs)\b",
    about_number=r"\b(?:près de|environ|quelque|plus de|au moins|presque)\s*$",
    under_number=r"\b(?:moins de|au plus|jusqu.à|avant)\s*$",
    over_number=r"\b(?:plus de|au moins|après|depuis)\s*$",
    asked_to=r"\b(?:invitée?s?|priée?s?|appelée?s?|encouragée?s?)\s+à\b|\b(?:recommande|demande)-t-on\b",
    permission=r"\b(?:tolér\w*|permi\w*|autoris\w*|accept\w*|admissible)\b",
    people=r"\b(?:personnes?|humains?|êtres? humains?|humanité|gens|vulnérables?)\b",
    ability=r"\b(?:peut|peux|peuvent|pourr\w*)\b",  # not "peu" (few)
    machines=r"\b(?:machines?|robots?|ordinateurs?)\b",
    agent_by=r"\bpar\b",
    agent_ending="",
    synonyms=("remplacer substituer supplanter évincer", "machine robot ordinateur",
              "aggraver creuser accentuer approfondir élargir", "préjugés biais", "enseignant professeur", "études recherches",
              "effets impact incidence"),
    aliases=("seniors aînés âgées âgés", "élèves apprenants"),
    endorse=r"\b(?:soutien\w*|souten\w*|appui\w*|encourag\w*|préconis\w*|promeu\w*|promouv\w*|favoris\w*|tolèr\w*|tolér\w*|accept\w*|cautionn\w*)\b",
    mention=r"\b(?:mentionn\w*|évoqu\w*|parle(?:-t-(?:il|elle|on))? d\w*|abord\w*|trait\w* d\w*|fai\w* (?:-t-(?:il|elle) )?(?:référence|mention)|est-il question|question d\w*)\b",
    ai=r"\b(?:IA|intelligence artificielle)\b",
    ai_domain=r"\b(?:IA|intelligence artificielle)(?:\s+(?:dans|en)\s+(?:l['’])?éducation|\s+éducative)?\b",
    # --- word lists (space-separated) ---
    groups=("enseignant professeur élève étudiant apprenant parent fille femme enfant jeune gouvernement ministre "
            "décideur chercheur scientifique expert entreprise secteur-privé société-civile communauté famille "
            "employeur travailleur états-membres unesco directeur-général directrice partenaire parties-prenantes "
            "université handicap minorité autochtone migrant réfugié rural âgé adulte"),
    auxiliaries=("est-ce peut peuvent doit doivent devrait devraient faut-il faut sera seront existe-t-il utiliser "
                 "utilisation"),
    frame_words=("consensus beijing pékin recommande dit appelle encourage souligne oui non aussi également pays "
                 "être selon d'après"),
    reporting=("demande demandent appelle veut exige dit affirme prétend préconise propose recommande plaide ici "
               "cherche souhaite vise entend"),
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    # "qui", "où", "quand" opening the question or a part (further on they are relatives: "les élèves qui …")
    fact=(r"(?:^|[,:]\s*|\bet\s+)(?:(?:à|a|en|de|d'|pour|par|avec|dans|selon|chez)\s*)?(?:qui|où|quand)\b|"
          r"\b(?:combien|quel(?:le)?s? (?:dates?|années?|villes?|jours?|mois|pays)|en quelle année)\b"),
    numeric=r"\b(?:combien|quand|quelle année|en quelle année|quelles? dates?)\b",
    dated=r"\b(?:quand|quel(?:le)?s? (?:dates?|années?|jours?|mois))\b",
    asked=(r"\b(?:demand\w*|invit\w*|recommand\w*|fai\w*|actions?|mesures?|tâches?|rôle|attend\w*|que|quoi|quel\w*|"
           r"le|la|les|de|du|l|à|aux?|consensus|beijing|unesco|t|il|elle|doi\w*|dans|déclar\w*|dis\w*|dit|"
           r"ont|ils|adress\w*|propos\w*|conférence|résum\w*|attribu\w*|confi\w*)\b"),
    claim=r"\b(?:dit|affirme|considère|estime|pense|déclare)(?:-t-il|-il)?\s+(?:que\b|qu'|qu’)",
    about_case="",
    word_pairs=True,
    about=(r"(?:\b(?:sur|concernant|à propos d(?:es|e|u|'|’)?|au sujet d(?:es|e|u|'|’)?|(?:parle|traite)(?:-t-(?:il|elle|on)|-(?:il|elle|on))? d(?:es|e|u|'|’)?|"
           r"mentionne|évoque|"
           r"aborde|recommande|préconise|soutient|encourage|promeut|prévoit)(?:-t-(?:il|elle|on))?\b)"),
    separators=r"\bet\b|\bmais\b",
    refers_back=r"\b(?:ces|cette|cet|tels|telles)\b",
    ai_names=frozenset({"ia"}),
    subject_frame_words=tuple(("que qu quoi est ce le la les consensus beijing pékin document dit disent dire "
                               "propos sujet texte ia intelligence artificielle éducation école écoles "
                               "apprentissage utilisation utiliser il elle on nous quel quelle quels quelles "
                               "comment pourquoi combien année chose choses").split()),
    function_words=tuple(("avec sans chez entre vers envers selon contre sous parmi pendant depuis leur leurs ceux celles ici matière "
                          "cette ces dont autres toute toutes tout tous après avant ait aient").split()),
    subject_clitic=r"-(?:t-)?(?:il|elle|ils|elles|on)\b",
    subject_verb="",
    addressees={
        (1, 7): "préambule|participants",
        (39, 44): "direct(?:eur|rice) général",
        (33, 38): "organisations internationales|partenaires internationaux",
        (8, 32): r"gouvernements?(?: et (?:aux |les )?autres parties prenantes)?",
    },
    countries=r"\b(?:pays|états membres|nations)\s+(?:de|d'|à)",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "Le Consensus de Beijing recommande",
        FrameKind.INVITES: "Le Consensus de Beijing invite la Directrice générale de l’UNESCO à",
        FrameKind.STATES: "Selon le Consensus de Beijing,",
    },
    frame_next={FrameKind.RECOMMENDS: "(?:de |d['’]|que |qu['’])"},
    verdict_words={"yes": "Oui", "no": "Non"},
    # --- flags that replace branches on the language ---
    cjk=False,
    english_stems=False,
    capitalised_names=True,
    group_match="prefix",
    ending=0,
    yes_no_opener=r"^est-ce qu(?:e\b|')|^(?:y a|[^\W\d_]+)-(?:t-)?(?:il|elle|ils|elles|on)\b",
    verdict_separator=", ",
    keeps_capital=(),
    gist_words=(3, 40),
    confident=0.87,
    # --- the source text (rag/corpus.py) ---
    preamble="Préambule",
    script="latin",
    rtl=False,
    mend_split_words=False,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset(("le la les l un une des de du d et ou à au aux en dans pour par sur que qu qui quoi est sont "
                          "ce cette il elle se sa son ses comment quel quelle quels quelles dit").split()),
    tokenizer="stem",
    detect_words=frozenset(("le la les de des du un une et est sont était etait ce cet cette ces ceux celle qui que quoi "
                            "quel quelle quels quelles comment pourquoi où ou quand combien dans sur sous pour par avec "
                            "sans entre selon vers chez contre depuis il elle ils elles on nous vous leur leurs notre "
                            "nos votre vos son sa ses mon ma mes ne pas plus peut peuvent doit doivent faut dit disent "
                            "parle recommande prévoit prevoit y a à au aux en se être etre été ete mais donc aussi lui "
                            "ceci cela ça ca me te tu moi l' d' j' m' n' s' c' qu' jusqu' lorsqu' puisqu' -t-").split()),
    detect_frame_words=frozenset(("qui que quoi quel quelle quels quelles comment pourquoi où quand combien est sont "
                                  "était etait peut peuvent doit doivent faut dit disent parle recommande prévoit "
                                  "prevoit mentionne aborde traite évoque evoque propose il elle ils elles on nous vous "
                                  "je tu qu'").split()),
    detect_article="",
    accents="[èêëàâçîïôûùœæ]",
    clause_words=r"\b(paragraphes?)\b",
    traditional_chars=False,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "météo et prévisions du temps", "recettes de cuisine", "football, résultats sportifs et athlètes",
        "voyages, tourisme, hôtels et vols", "bourse, prix, argent et banque", "médecine, santé et maladies",
        "géographie, pays, capitales et villes", "films, musique, célébrités et divertissement",
        "acheter un téléphone ou un ordinateur portable", "histoire des guerres et des rois",
        "voitures, transports et réparations", "faits de physique et de chimie", "politique, élections et partis",
        "emplois, salaires et impôts", "réponses aux devoirs et astuces pour les examens",
        "admission à l'université, bourses et diplômes", "applications pour apprendre une langue",
        "comment fonctionnent les chatbots et qui les a créés",
    ),
    follow_up_words=frozenset(("il ils elle elles lui leur leurs eux ce cela ça ceci celui celle ceux celles y en aussi "
                               "également et mais alors autre autres encore même pourquoi exemple exemples quid").split()),
    follow_up=r"^\s*qu['’]en est-il\b",
    follow_up_proclitic="",
    # --- quoting (rag/direct.py) ---
    quotes=("« ", " »"),
    inner_quotes={"« ": "“", " »": "”", "«": "“", "»": "”"},
    ellipsis="…",
    brackets=(" (", ")"),
)

ES = LanguageProfile(
    code="es",
    # --- cues (regular expressions; rag/verify.py) ---
    negation=(r"\b(?:no|nunca|jamás|sin(?!\s+distinci[oó]n)|ni|ningún|ninguna|ninguno|nada|tampoco|falta|carencia|ausencia|evit\w*|"
              r"impid\w*|impedir|en lugar de|en vez de)\b|\bno-"),
    strong_negation=r"\bno\s+(?:se\s+)?(?:pued\w*|podr\w*|deb\w*|ha\s+de|han\s+de)\b|\b(?:ni|nunca|jamás)\b",
    denial=(r"\b(?:nieg\w*|negar\w*|neg[oó]|negación|disput\w*|cuestion\w*|refut\w*|(?:in|im|ir|i)\w{3,}(?:able|ible)s?|"
            r"falso|falsa|erróne\w*|equivocad\w*|incorrect\w*|contrari\w*|incapa\w*)\b"),
    wary=(r"\b(?:advert\w*|resguard\w*|salvaguard\w*|guard\w*|teme|temen|temor|miedo|preocup\w*|inquiet\w*|riesgos?|"
          r"peligr\w*|amenaz\w*|resist\w*|limit\w*|restring\w*|restricci\w*|fren\w*|preserv\w*|vigilan\w*|cuidado|"
          r"prudencia|preven\w*|evit\w*|imped\w*|libres? de|exent\w*)\b"),
    awareness=r"\b(?:cuenta|conscien\w*|presente\w*|reconoc\w*)\b",
    need=r"\b(?:necesidad\w*|importancia|urgen\w*)\b",
    modal=r"\b(?:debe|deben|debería|deberían|necesari\w*|hay que)\b",
    accomplished=r"\b(?:ha sido|han sido|ya|garantiza\w*|demostrad\w*|logrado)\b",
    hedge=r"\b(?:consider\w*|estudiar|explorar|posib\w*|potencial\w*)\b",
    yes_no_question=(r"^¿?\s*(?:se |no )?(?:puede|pueden|podría|podrían|debe|deben|debería|deberían|es|son|está|"
                     "están|hay|existe|existen|tiene|tienen|va|van|será|serán|reemplazará|sustituirá|sustituye|"
                     r"recomienda|menciona|dice|habla|permite|incluye|propone|prevé|apoya|defiende|exige|pide)\b"),
    wh_question=r"\b(?:qué|cómo|cuál|cuáles|cuándo|dónde|quién|quiénes|por qué|cuánto\w*|para qué)\b",
    why=r"\bpor qu[eé]\b",
    restrictive=(r"\b(?:solo|sólo|solamente|únicamente|exclusivamente|todos|todas|cada|siempre|nunca|totalmente|"
                 r"únic\w*|mism\w*|universal\w*|obligatori\w*|prohib\w*|debe|deben|obligad\w*|exig\w*|"
                 r"impon\w*|impuest\w*|requier\w*|oblig\w*)\b"),
    prohibit=(r"\b(?:prohib\w*|prohíb\w*|vet\w*|abol\w*|elimin\w*|suprim\w*|dej(?:ar|e|en|a|an|emos|ara|aran) de|"
              r"abandon\w*|renunci\w*|"
              r"rechaz\w*|debilit\w*|desaconsej\w*|desalient\w*|desanim\w*|disuad\w*|excluy\w*|excluir|descart\w*|"
              r"menosprecia\w*|opon\w*|opone\w*|oposici\w*|ignor\w*|descuid\w*|desatend\w*|"
              r"(?:recomiend\w*|recomend\w*|aconsej\w*|pide|piden|pedir|insta|instan|exhort\w*)"
              r"(?:\s+el\s+Consenso(?:\s+de\s+(?:Beijing|Pek[ií]n))?)?\s+(?:que\s+)?no|"
              r"(?:mantener|mantenga|mantengan|dejar)(?=\s+(?:\S+\s+){0,4}?fuera\b)|"
              r"no\s+(?:se\s+)?necesit\w*(?:\s+ning[uú]n\w*)?|no\s+hace\s+falta(?:\s+ning[uú]n\w*)?|innecesari\w*|"
              r"no\s+(?:es|son|sea|sean)\s+necesari\w*|"
              # «que la cooperación no tenga en cuenta las necesidades nacionales»: lo que no se tiene en cuenta se ignora
              r"no\s+(?:se\s+)?(?:ten\w*|tien\w*|tom\w*)\s+en\s+(?:cuenta|consideración)|no\s+(?:se\s+)?consider\w*)\b"),
    harms=(r"\b(?:sesgos?|discapacidad\w*|negativ\w*|brechas?|riesgos?|daños?|perjuic\w*|prejuic\w*|abusos?|discrimin\w*|desigualdad\w*|inequidad\w*|"
           r"amenazas?|peligro\w*|vigilancia|violaci\w*|exclusión|desinformación|tramp\w*|conflictos?|desastres?|"
           r"catástrof\w*|disparidad\w*|baj[ao]s?|falta|escasez|polariza\w*|vulnerab\w*|barreras?|obstáculos?)\b"),
    study=r"\b(?:investigaci\w*|estudio\w*|análisis|analiz\w*|examen\w*)\b",
    counter=(r"\b(?:reduc\w*|mitig\w*|atenu\w*|luch\w*|combat\w*|cerrar|minimiz\w*|super\w*|proteg\w*|protección|"
             r"subsan\w*|abord\w*|libres?\s+de|exent\w*\s+de)\b"),
    keep_in_view="sin perder de vista",
    enough=r"\b(?:suficiente\w*|basta\w*|bastante\w*|adecuad\w*|bien representad\w*|much[oa]s)\b",
    short=r"\b(?:falta|escas\w*|baj[oa]s?|insuficien\w*|ausencia|poc[oa]s|subrepresentad\w*)\b",
    states="dice afirma considera sostiene cree declara reconoce admite",
    single=r"\b(?:sol[oa]|únic[oa]|unificad[oa])\b",
    many=r"\b(?:múltiples|variad\w*|divers\w*|diferentes|distint\w*|varios|varias)\b",
    about_number=r"\b(?:cerca de|unos|unas|alrededor de|aproximadamente|casi|más de|al menos|como mínimo)\s*$",
    under_number=r"\b(?:menos de|hasta|como máximo|antes de)\s*$",
    over_number=r"\b(?:más de|al menos|como mínimo|después de|desde)\s*$",
    asked_to=r"\b(?:invitad[oa]s?|instad[oa]s?|llamad[oa]s?|alentad[oa]s?)\s+a\b|\bse (?:recomienda|pide|propone|invita)\b",
    permission=r"\b(?:permit\w*|toler\w*|acept\w*|admisible)\b",
    people=r"\b(?:personas?|humanos?|seres humanos|humanidad|gente|vulnerables?)\b",
    ability=r"\b(?:pued\w*|podr\w*)\b",
    machines=r"\b(?:máquinas?|robots?|computadoras?|ordenador\w*)\b",
    agent_by=r"\bpor\b",
    agent_ending="",
    synonyms=("sustituir reemplazar desplazar suplantar", "máquina robot computadora ordenador",
              "agravar profundizar ahondar ampliar", "sesgos prejuicios", "mostrar muestre muestren presentar exhibir",
              "docente profesor maestro", "estudios investigaciones", "impacto efectos"),
    aliases=("ancianos ancianas mayores", "alumnos estudiantes educandos"),
    endorse=r"\b(?:apoy\w*|respald\w*|fomenta\w*|promuev\w*|promov\w*|alienta\w*|favorec\w*|defiend\w*|toler\w*|acept\w*)\b",
    mention=r"\b(?:mencion\w*|habla\w* de|trata\w* de|abord\w*|se refiere a|refiere|hace referencia)\b",
    ai=r"\b(?:IA|inteligencia artificial)\b",
    ai_domain=r"\b(?:IA|inteligencia artificial)(?:\s+en\s+(?:la\s+)?educación|\s+educativa)?\b",
    # --- word lists (space-separated) ---
    groups=("docente profesor maestro alumno estudiante educando padre madre niña mujer niño joven gobierno "
            "ministro responsable investigador científico experto empresa sector-privado sociedad-civil comunidad "
            "familia empleador trabajador estados-miembros unesco director-general directora socio interesado "
            "universidad discapacidad minoría indígena migrante refugiado rural mayores adulto"),
    auxiliaries="puede pueden podría debe deben debería deberían será serán hay existe existen está están usar uso",
    frame_words=("consenso beijing pekín recomienda dice pide alienta subraya sí no también además países ser estar "
                 "según"),
    reporting="pide piden exige quiere dice afirma propone recomienda aboga busca pretende procura desea",
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    # accented anywhere; unaccented only opening the question ("donde", "cuando", "quien" are also relatives)
    fact=(r"(?:\bcuánt[oa]s?\b|\bcuándo\b|\bdónde\b|\bquién(?:es)?\b|^¿?\s*(?:cuant[oa]s?|cuando|donde|quien(?:es)?)\b|"
          r"\ben qu[eé] (?:a[ñn]os?|fechas?|ciudad|pa[ií]s)\b|\bqu[eé] (?:fechas?|d[ií]as?|a[ñn]os?)\b)"),
    numeric=r"(?:\bcu[aá]nt[oa]s?\b|\bcu[aá]ndo\b|\bqu[eé] (?:a[ñn]o|fechas?|d[ií]as?)\b)",
    dated=r"(?:\bcu[aá]ndo\b|\bqu[eé] (?:a[ñn]os?|fechas?|d[ií]as?|mes(?:es)?)\b)",
    asked=(r"\b(?:pide\w*|invit\w*|recomiend\w*|recomendaci\w*|hac\w*|acciones|medidas|tareas|papel|esper\w*|"
           r"qué|cuáles|el|la|los|las|de|del|al|a|se|le|les|consenso|beijing|unesco|debe\w*|en|declar\w*|dice\w*|dicen|"
           r"han|que|tiene\w*|propon\w*|conferencia|resum\w*|asign\w*|atribu\w*)\b"),
    claim=r"\b(?:dice|afirma|considera|sostiene|cree|declara)\s+que\b",
    about_case="",
    word_pairs=True,
    about=(r"\b(?:sobre|acerca del?|respecto al?|respecto del?|(?:habla|trata)(?: (?:el|la) (?:[Cc]onsenso|texto|documento|[Dd]eclaración)(?: de (?:Beijing|Pekín))?)? del?|se refiere al?|menciona|aborda|recomienda|"
           r"apoya|promueve|fomenta|propone|prevé)\b"),
    separators=r"\by\b|\bpero\b",
    refers_back=r"\b(?:estas|estos|esta|este|dichas|dichos|tales)\b",
    ai_names=frozenset({"ia"}),
    subject_frame_words=tuple(("qué que dice el la los las consenso beijing pekín documento algo texto ia "
                               "inteligencia artificial educación escuela escuelas aprendizaje uso usar cómo por "
                               "cuál cuáles hay quién quiénes cuándo dónde cuánto cuántos año cosa cosas").split()),
    function_words=tuple(("con sin entre hacia desde según contra bajo mediante durante sobre esta este estos estas aquí materia "
                          "cuyo otros otras cualquier cualquiera todo toda todos todas después antes fuera").split()),
    subject_clitic="",
    subject_verb="",
    addressees={
        (1, 7): "preámbulo|participantes",
        (39, 44): "director(?:a)? general",
        (33, 38): "organizaciones internacionales|organismos internacionales|asociados internacionales",
        (8, 32): r"gobiernos?(?: y (?:a )?(?:las )?(?:otras|demás) partes interesadas)?",
    },
    countries=r"\b(?:países|estados miembros|naciones)\s+(?:a|que)\b",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "El Consenso de Beijing recomienda",
        FrameKind.INVITES: "El Consenso de Beijing invita a la Directora General de la UNESCO a",
        FrameKind.STATES: "Según el Consenso de Beijing,",
    },
    frame_next={FrameKind.RECOMMENDS: r"(?!\w+(?:ando|iendo|yendo)\b)", FrameKind.INVITES: r"(?!\w+(?:ando|iendo|yendo)\b)", FrameKind.STATES: r"(?!\w+(?:ando|iendo|yendo)\b)"},
    verdict_words={"yes": "Sí", "no": "No"},
    # --- flags that replace branches on the language ---
    cjk=False,
    english_stems=False,
    capitalised_names=True,
    group_match="prefix",
    ending=0,
    # a "¿…?" with no interrogative word (accented anywhere, or unaccented right after "¿"): "¿Basta con …?"
    yes_no_opener=(r"¿(?!\s*(?:que|como|cual|cuales|cuando|donde|quien|quienes|cuant\w*|por que|para que)\b)"
                   r"(?![^?]*\b(?:qué|cómo|cuál|cuáles|cuándo|dónde|quién|quiénes|cuánt\w*|por qué|para qué)\b)"),
    verdict_separator=", ",
    keeps_capital=(),
    gist_words=(3, 40),
    confident=0.87,
    # --- the source text (rag/corpus.py) ---
    preamble="Preámbulo",
    script="latin",
    rtl=False,
    mend_split_words=False,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset(("el la los las un una unos unas de del y o a al en para por con sobre que qué es son se su sus "
                          "cómo como cuál cuáles dice").split()),
    tokenizer="stem",
    detect_words=frozenset(("el la los las lo de del al un una unos unas y e o u que qué como cómo cual cuál cuales "
                            "cuáles cuando cuándo donde dónde quien quién quienes quiénes cuanto cuánto cuantos cuántos "
                            "cuantas cuántas por para con sin sobre entre según segun hacia desde hasta contra ante tras "
                            "en se su sus mi mis tu nos es son está esta están estan era hay puede pueden debe deben "
                            "dice dicen habla recomienda propone también tambien pero ni no ya este estos estas ese esa "
                            "eso esos esas le les a muy más mas me te").split()),
    detect_frame_words=frozenset(("qué que cómo como cuál cual cuáles cuales cuándo cuando dónde donde quién quien "
                                  "quiénes quienes cuánto cuanto cuántos cuantos es son está esta están estan hay puede "
                                  "pueden debe deben dice dicen habla recomienda propone menciona aborda trata prevé "
                                  "preve plantea").split()),
    detect_article="",
    accents="[ñáíóúü¿¡]",
    clause_words=r"\b(p[áa]rrafos?|art[íi]culos?)\b",
    traditional_chars=False,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "pronóstico del tiempo y clima", "recetas de cocina", "fútbol, resultados deportivos y atletas",
        "viajes, turismo, hoteles y vuelos", "bolsa, precios, dinero y bancos", "medicina, salud y enfermedades",
        "geografía, países, capitales y ciudades", "películas, música, famosos y entretenimiento",
        "comprar un teléfono o un portátil", "historia de guerras y reyes", "coches, transporte y reparaciones",
        "datos de física y química", "política, elecciones y partidos", "empleos, salarios e impuestos",
        "respuestas de tareas y trucos para exámenes", "admisión universitaria, becas y títulos",
        "aplicaciones para aprender un idioma", "cómo funcionan los chatbots y qué empresa los creó",
    ),
    follow_up_words=frozenset(("él ella ellos ellas le les esto eso aquello este esta estos estas ese esa esos esas "
                               "también y e pero entonces otro otra otros otras más mismo misma ejemplo ejemplos").split()),
    follow_up=r"^\s*¿?qué hay de\b|^\s*¿?y (en cuanto a|si)\b|\bpor qué\b",
    follow_up_proclitic="",
    # --- quoting (rag/direct.py) ---
    quotes=("«", "»"),
    inner_quotes={},
    ellipsis="…",
    brackets=(" (", ")"),
)

RU = LanguageProfile(
    code="ru",
    # --- cues (regular expressions; rag/verify.py) ---
    negation=(r"\b(?:не|нет|ни|без|нельзя|никогда|никак\w*|отсутств\w*|недостат\w*|избега\w*|избеж\w*|предотвра\w*|"
              r"вместо|невозможн\w*|недопустим\w*|неприемлем\w*)\b"),
    strong_negation=r"\bне\s+(?:должн\w*|мож\w*|могут|следует|допуска\w*|вправе)\b|\b(?:нельзя|никогда|невозможн\w*|недопустим\w*)\b",
    denial=(r"\b(?:отрица\w*|оспарива\w*|опроверга\w*|незаменим\w*|невозмож\w*|недопустим\w*|неприемлем\w*|"
            r"ошибочн\w*|неправильн\w*|неверн\w*|ложн\w*|несовмест\w*|неспособн\w*)\b"),
    wary=(r"\b(?:предостер\w*|огражд\w*|оград\w*|уберечь|оберега\w*|сохран\w*|ограничи\w*|ограничен\w*|сдержива\w*|"
          r"опаса\w*|опасн\w*|боит\w*|страх\w*|тревог\w*|беспоко\w*|обеспокоен\w*|риск\w*|угроз\w*|противост\w*|"
          r"бдительн\w*|осторожн\w*|предотвра\w*|избег\w*|избав\w*|свободн\w* от)\b"),
    awareness=r"\b(?:учитыва\w*|осозна\w*|помнить|сознава\w*|признава\w*|понимать|принимать во внимание)\b",
    need=r"(?:необходимост\w*|важност\w*|потребност\w*)",
    modal=r"\b(?:должн\w*|следует|нужно|необходим\w*)\b",
    accomplished=r"\b(?:уже|гарантир\w*|доказан\w*|было|были)\b",
    hedge=r"\b(?:рассмотр\w*|рассматрива\w*|изучить|возможност\w*|потенциальн\w*)\b",
    yes_no_question=(r"\bли\b|^(?:можно|нужно|должн\w*|следует|может|могут|будет|будут|есть|является|допускает|"
                     r"предлагает|рекомендует|требует|призывает|упоминает|говорится)\b"),
    wh_question=r"\b(?:что|как\w*|почему|зачем|где|когда|кто|сколько|чем|каким|чего)\b",
    why=r"\b(?:почему|зачем)\b",
    restrictive=(r"\b(?:только|лишь|исключительно|все|всех|каждый|всегда|никогда|полностью|един\w*|одн\w*|"
                 r"уникальн\w*|универсальн\w*|обязательн\w*|запре\w*|должн\w*|обязан\w*|требует|требуют|"
                 r"обязывает|предписывает|настаивает)\b"),
    prohibit=(r"\b(?:запре\w*|отмен\w*|ликвидир\w*|упраздн\w*|искорен\w*|отказ\w*|прекрат\w*|прекращ\w*|отверга\w*|"
              r"отвергну\w*|отвергл\w*|ослаб\w*|отговарива\w*|исключа(?:ет|ют|ть)|исключить|преуменьша\w*|отклоня\w*|"
              r"против|возража\w*|игнорир\w*|пренебрег\w*|пренебреч\w*|"
              r"(?:рекоменду\w*|рекомендова\w*|совету\w*|призыва\w*|предлага\w*|проси\w*|требу\w*)\s+не|"
              r"не\s+нужн\w*(?:\s+никак\w*)?|не\s+нужда\w*(?:\s+ни\s+в\s+как\w*)?|не\s+требу\w*(?:\s+никак\w*)?|"
              r"ненужн\w*|не\s+обязательн\w*|"
              # «чтобы сотрудничество не учитывало национальные потребности»: то, что не учитывают, игнорируют
              # («не учитель» is no cue: only the verb's forms)
              r"не\s+учитыва\w*|не\s+учесть|не\s+учт[её]т\w*|не\s+учл\w*|не\s+уч[её]л\w*|"
              r"не\s+прин\w*\s+во\s+внимание|не\s+счита\w*ся)\b"),
    harms=(r"\b(?:предвзят\w*|инвалидн\w*|негативн\w*|отрицательн\w*|разрыв\w*|риск\w*|вред\w*|злоупотреб\w*|дискримин\w*|неравенств\w*|угроз\w*|опасн\w*|"
           r"слежк\w*|нарушени\w*|изоляци\w*|дезинформаци\w*|списыва\w*|конфликт\w*|бедстви\w*|катастроф\w*|"
           r"неравномерн\w*|различи\w*|низк\w*|нехватк\w*|недостат\w*|поляризац\w*|уязвим\w*|барьер\w*|препятстви\w*)\b"),
    study=r"\b(?:исследован\w*|анализ\w*|изучен\w*)\b",
    counter=r"\b(?:сокра\w*|сниж\w*|уменьш\w*|смягч\w*|борьб\w*|бороть\w*|преодол\w*|устран\w*|защи[тщ]\w*|свободн\w*\s+от)\b",
    keep_in_view="не забывая(?: при этом)?",
    enough=r"(?:\bдостаточн\w*|\bхватает\b|\bхватит\b|\bмного\b|\bнемало\b|\bхорошо\b[^?]{0,40}?\bпредставлен\w*)",
    short=r"(?:\bнехватк\w*|\bотсутстви\w*|\bнедостат\w*|\bнизк\w*|\bдефицит\w*|\bмало\b|\bнемного\b)",
    states="говорит говорится утверждает считает сказано указано заявляет признает признаёт",
    single=r"(?:\bедин\w*|\bодн\w*\b(?! из\b)|\bунифицирован\w*)",
    many=r"(?:\bмножеств\w*|\bразличн\w*|\bразн\w*|\bмногочисленн\w*|\bразнообразн\w*)",
    about_number=r"(?:\bоколо|\bпримерно|\bприблизительно|\bпочти|\bболее чем|\bболее|\bбольше|\bне менее|\bсвыше)\s*$",
    under_number=r"(?:\bменее|\bменьше|\bдо|\bне более)\s*$",
    over_number=r"(?:\bболее чем|\bболее|\bбольше|\bне менее|\bсвыше)\s*$",
    asked_to=r"(?:\bрекомендуется|\bпредлагается|\bпризывается|\bпризываются|\bпредлагают|\bрекомендуют)\b",
    permission=r"\b(?:допуск\w*|допусти\w*|позвол\w*|разреш\w*|приемлем\w*)\b",
    people=r"\b(?:люд\w*|человек\w*|человечеств\w*|уязвим\w*)",
    ability=r"\b(?:мож\w*|могут|могли)\b",
    machines=r"\b(?:машин\w*|робот\w*|компьютер\w*)",
    agent_by="",
    agent_ending="(?:ами|ями)$",
    synonyms=("заменить замена заменять замещать вытеснить вытеснять", "машина робот компьютер",
              "усугублять углублять усиливать расширять", "предвзятость пристрастность", "учитель преподаватель педагог"),
    aliases=("пожилых пожилые стариков старики престарелых", "школьников учащихся"),
    endorse=(r"\b(?:поддерживает|поддерживают|одобряет|поощряет|продвигает|выступает(?:\s+\S+){0,3}?\s+за|терпит|"
             r"мирится(?:\s+\S+){0,3}?\s+с|приемлет)\b"),
    mention=r"(?:\bупомина\w*|\bупомян\w*|\bговорится\b|\bговорит\w*(?:\s+\S+){0,3}?\s+об?\b|\bкасается\b|\bзатрагива\w*|\bрассматрива\w*)",
    ai=r"\b(?:ИИ|искусственн\w* интеллект\w*)",
    ai_domain=r"\b(?:ИИ|искусственн\w* интеллект\w*)(?:\s+в\s+(?:сфере\s+)?образовани\w*)?",
    # --- word lists (space-separated) ---
    groups=("учител преподават педагог учащ студент обучающ ученик родител девоч девушк женщин дет ребен молодеж "
            "правительств министр исследоват учены эксперт компани частн гражданск общин сообществ семь работодат "
            "работник государств-член юнеско генеральн партнер заинтересованн университет инвалид меньшинств коренн "
            "мигрант беженц сельск пожил взросл"),
    auxiliaries=("ли можно нужно должен должна должны следует может могут будет будут есть является использовать "
                 "использование"),
    frame_words=("пекинский пекинского консенсус консенсуса рекомендует говорит призывает подчеркивает да нет также "
                 "страны быть согласно консенсусу консенсусе"),
    reporting=("просит призывает требует хочет говорит говорится утверждает предлагает рекомендует стремится "
               "добивается намерен пытается желает"),
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    # "кто", "где", "когда" opening the question (further on they are relatives: "в мире, где …")
    fact=(r"^(?:(?:а|и|но|так)\s+)?(?:(?:в|на|с|у|от|для|из)\s+)?(?:кто|где|когда)\b|"
          r"\b(?:сколько|в каком (?:году|городе|месяце)|какого числа|какие даты|в какие дни)\b"),
    numeric=r"\b(?:сколько|когда|в каком году|какого числа|какие даты)\b",
    dated=r"\b(?:когда|в каком году|какого числа|какие даты|в какие дни)\b",
    asked=(r"\b(?:просит|предлагает|рекоменд\w*|сделать|делать|действия|меры|задачи|роль|ожида\w*|что|какие|ч[её]м|"
           r"о|консенсус\w*|пекинск\w*|юнеско|должн\w*|от|для|принять|в|заявля\w*|заяви\w*|говор\w*|да[её]т\w*|"
           r"дают\w*|предлага\w*|согласно|конференци\w*|каков\w*|отвод\w*|сказано|перечисл\w*)\b"),
    claim=r"\b(?:говорится|утверждает|считает|сказано|указано|заявляет)\b[^?]*?,\s*что\b",
    about_case=r"(?:о|об|обо)",
    word_pairs=True,
    about=(r"\b(?:о|об|обо|про|относительно|насчет|насчёт|упоминает|упоминается|упоминаются|касается|рекомендует|"
           r"поддерживает|предлагает|поощряет)\b"),
    separators=r"\bи\b|\bно\b|\bа\b",
    refers_back=r"\b(?:эти|этих|этим|этой|этого|такие|таких)\b",
    ai_names=frozenset({"ии"}),
    subject_frame_words=tuple(("что говорит говорится сказано в пекинский пекинском пекинского консенсус консенсусе "
                               "консенсуса документ документе ли текст ии искусственный интеллект образование "
                               "образовании школа школах обучение использование как почему какие какой есть кто "
                               "когда где сколько году год").split()),
    function_words=tuple(("через между среди после перед посредством помощью также который которые которых этих "
                          "этой этого других чтобы какие либо какой-либо какие-либо любые любой пекине пекина пекин "
                          # «в том числе» (including), «где угодно» (anywhere): no subject of any clause
                          "том числе где когда вне области").split()),
    subject_clitic="",
    subject_verb=r"(?:ает|яет|ует|ёт|ит|ят|ют|ала|ила|ыла|ались|ились|ть|ться|ется|ится)$",
    addressees={
        (1, 7): r"преамбул\w*|участник\w*",
        (39, 44): r"генеральн\w* директор",
        (33, 38): r"международн\w* (?:организаци|партнер)\w*",
        (8, 32): r"правительств\w*(?: и други\w* заинтересованн\w* сторон\w*)?",
    },
    countries=r"(?:\bстраны|\bгосударства)\s+\w+(?:ть|ти)\b",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "Пекинский консенсус рекомендует",
        FrameKind.INVITES: "Пекинский консенсус предлагает Генеральному директору ЮНЕСКО",
        FrameKind.STATES: "Согласно Пекинскому консенсусу,",
    },
    frame_next={FrameKind.RECOMMENDS: r"\w+(?:ть|ти|чь)(?:ся|сь)?\b|чтобы\b", FrameKind.INVITES: r"\w+(?:ть|ти|чь)(?:ся|сь)?\b|чтобы\b"},
    verdict_words={"yes": "Да", "no": "Нет"},
    # --- flags that replace branches on the language ---
    cjk=False,
    english_stems=False,
    capitalised_names=True,
    group_match="prefix",
    ending=2,  # «учителям» / «учителей»: one word declined
    # «Говорится ли …, что …», «Не забудут ли …»: the particle after the first word
    yes_no_opener=r"(?:^|[,:]\s*)(?:не\s+)?[^\W\d_]+\s+ли\b",
    verdict_separator=", ",
    keeps_capital=('Пекинский',),
    gist_words=(3, 40),
    confident=0.88,
    # --- the source text (rag/corpus.py) ---
    preamble="Преамбула",
    script="cyrillic",
    rtl=False,
    mend_split_words=True,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset("и в во на с со о об по к для что как это ли из у от до за не или же ее его их".split()),
    tokenizer="stem",
    detect_words=frozenset(("что как какие какой какая каких каким какую какое ли и в во на о об обо по про для с со к "
                            "ко из у от до за при не ни это этот эта эти такое такие где когда почему зачем кто чем есть "
                            "или а но его её ее их мы вы я он она они нам вам нас вас ли же бы можно нужно должны должен "
                            "сказано говорится говорит").split()),
    detect_frame_words=frozenset(),
    detect_article="",
    accents="",
    clause_words="",
    traditional_chars=False,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "прогноз погоды и климат", "кулинарные рецепты", "футбол, результаты матчей и спортсмены",
        "путешествия, туризм, отели и авиабилеты", "биржа, цены, деньги и банки", "медицина, здоровье и болезни",
        "география, страны, столицы и города", "фильмы, музыка, знаменитости и развлечения",
        "покупка телефона или ноутбука", "история войн и королей", "автомобили, транспорт и ремонт",
        "факты по физике и химии", "политика, выборы и партии", "работа, зарплаты и налоги",
        "ответы на домашние задания и советы к экзаменам", "поступление в университет, стипендии и дипломы",
        "приложения для изучения языка", "как работают чат-боты и какая компания их создала",
    ),
    follow_up_words=frozenset(("он она оно они его её ее их им ими нём нем ней них нему это этом этого эти этих этим тот "
                               "та те том также тоже и а но ещё еще почему другие другой пример примеры").split()),
    follow_up=r"^\s*как насч[её]т\b",
    follow_up_proclitic="",
    # --- quoting (rag/direct.py) ---
    quotes=("«", "»"),
    inner_quotes={"«": "„", "»": "“"},
    ellipsis="…",
    brackets=(" (", ")"),
)

ZH = LanguageProfile(
    code="zh",
    # --- cues (regular expressions; rag/verify.py) ---
    negation="(?:不(?!断|同|仅|只|论|管|久)|没有|没|无(?!论|缝)|(?<!除)非(?!常|洲)|未(?!来)|勿|(?<![特性区类个分识告级鉴差])别(?!的)|莫|缺乏|缺少|避免|防止|而不是)",
    strong_negation="不(?:应|能|得|可|该|会)(?!忽视|忘)|无法被|勿",
    denial="(?<!是)否认|驳斥|质疑|不可能|不可接受|不可替代|无可替代|不可或缺|无法|难以|错误|不对|不当|无力",
    wary="防范|警惕|警告|提醒|担心|担忧|忧虑|害怕|恐怕|风险|危险|威胁|限制|遏制|抵制|抵御|维护|捍卫|保障|小心|谨慎|以免|免受|避免|防止|远离|预防|免于|不受",
    awareness="认识到|意识到|注意到|铭记",
    need="需要|必要|重要性",
    modal="应|须|需要",
    accomplished="(?:已经|已被|已|保证)",
    hedge="考虑|探索|探讨|可能|潜在|潜力|在[^，。；]{2,30}的(?:领域|情况下)",  # "in areas where …": a condition
    yes_no_question="吗[？?]?$|么[？?]?$|是否|能否|可否|会不会|能不能|是不是|有没有|可不可以|应不应该|要不要",
    wh_question="什么|如何|怎么|怎样|为什么|为何|哪|谁|多少|几",
    # 认为/成为/作为/称为/视为 + 什么 ("共识认为什么是…的基石？", what does it call …) holds 为什么 but asks no "why"
    why="(?<![认成作称视以列])为(?:什么|何)|为啥",
    restrictive="仅|只|唯一|所有|一切|每个|总是|永远|完全|全部|统一|单一|同一|强制|禁止|必须|要求|规定",
    prohibit=("禁止|取缔|废除|废止|取消|摒弃|杜绝|禁用|停止|放弃|削弱|弱化|拒绝|(?<!是)否定|排斥|排除|不鼓励|劝阻|淡化|反对|忽视|忽略|无视|"
              "不需要(?:任何)?|无需|不必|没有?必要|(?:建议|要求|主张|呼吁|提倡|倡导)不要|"
              # 不考虑各国的需求: what is not taken into account is ignored
              "不考虑|不顾及?|不理会|不照顾|不重视"),
    harms="负面|障碍|壁垒|残疾|消极|偏见|偏差|鸿沟|差距|风险|危害|滥用|歧视|不平等|威胁|危险|监控|侵犯|作弊|冲突|灾害|灾难|差异|低|缺乏|短缺|两极分化|弱势",
    study="研究|分析|审查",
    counter="减少|缩小|降低|减轻|缓解|应对|消除|弥合|保护|克服|打击|不带|不含|免于|免受",
    keep_in_view="不能忽视|不忽视",
    enough="足够|够吗|够了|充足|很多|大量|占比高|比例高",
    short="缺乏|缺少|不足|短缺|占比低|比例低|很少|较少|偏少|不多",
    states="认为 声称 表示 指出 承认",
    single="单一|唯一|统一|只有一种|只有一个",
    many="多种|多样|各种|不同|多重|多元",
    about_number="(?:约|大约|近|将近|超过|逾|至少|多于)\\s*$",
    under_number="(?:少于|不到|不超过|最多)\\s*$",
    over_number="(?:超过|逾|至少|多于)\\s*$",
    asked_to="被请|被邀请|被要求|被呼吁|被鼓励",
    permission="允许|容许|容忍|接受|可以",
    people="人类|人们|人民|弱势|(?<![工个器])人(?!工)",
    ability="(?<!智)能|可以|可否",
    machines="机器人|机器|电脑|计算机",
    agent_by="被|由",
    agent_ending="",
    synonyms=("取代 替代 代替 替换 顶替", "机器 机器人 电脑 计算机", "加深 加剧 扩大 拉大", "教师 老师", "评估 评价 评测"),
    aliases=("老人 老年人", "高校 高等院校 大学 高等教育", "女孩 女童", "残障 残疾", "企业 私营部门"),
    endorse="支持|赞成|鼓励|提倡|倡导|主张|推动|容许|容忍|接受|认可",
    mention="提到|提及|谈到|谈及|涉及|说到|讲到",
    ai="人工智能|进行",
    ai_domain="教育人工智能|人工智能教育|人工智能|进行",
    # --- word lists (space-separated) ---
    groups=("教师 老师 学生 学习者 家长 父母 女童 女孩 妇女 女性 儿童 青年 青少年 政府 部长 决策者 研究人员 研究者 科学家 专家 企业 公司 私营部门 民间社会 社区 家庭 雇主 工人 劳动者 会员国 "
            "教科文组织 总干事 伙伴 利益攸关方 大学 残疾 少数 土著 移民 难民 农村 老年 成人"),
    auxiliaries="是否 能否 可否 会不会 能不能 是不是 有没有 应该 应当 可以 需要 吗 使用 利用",
    frame_words="北京共识 共识 建议 指出 强调 呼吁 是的 不 也 根据 按照 依据",
    reporting="要求 呼吁 主张 希望 认为 提出 建议 规定 想要 试图 力图 打算 寻求",
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    fact="多少|几[位名个天]|何时|什么时候|哪一?年|哪里|哪儿|在哪|何地|谁|哪些人|哪个城市|哪天|日期",
    numeric="多少|几[位名个天]|何时|什么时候|哪一?年|哪天|日期",
    dated="何时|什么时候|哪一?年|哪天|日期|几月|几号",
    asked="共识|北京|请|建议|要求|做|哪些|什么|事情|行动|措施|任务|作用|联合国教科文组织|教科文组织|采取|应|的|在|中|宣布|声明|表示|表明|了|向|提出|给|需要|对|有|会议",
    claim="认为|声称|是否说|有没有说|说过",
    about_case="",
    word_pairs=False,
    about="关于|对于|提到|提及|涉及|谈到|谈及|有关|针对|建议|支持|推荐|鼓励|对",
    separators="并且|而且|但是|同时",
    refers_back="这些|上述|此类",
    ai_names=frozenset(),
    subject_frame_words=tuple(("北京共识 共识 文件 这份 该 说 说了 什么 有什么 有没有 是否 提到 提及 建议 怎么 如何 吗 呢 的 了 和 与 人工智能 教育 学校 学习 使用 方面 "
                               "内容 规定 看法 立场 哪些 中 里 在 用 是 对 有何 为什么").split()),
    # "about", "for": 关于 is in two clauses, and names no subject; 存在 "there being" («是否容许…存在偏见») neither
    function_words=tuple("关于 有关 对于 针对 存在".split()),
    subject_clitic="",
    subject_verb="",
    addressees={
        (1, 7): "序言|与会者|参会者",
        (39, 44): "总干事",
        (33, 38): "国际组织|国际合作伙伴|国际伙伴",
        (8, 32): "各国政府(?:及|和|与)其他利益攸关方|政府(?:及|和|与)其他利益攸关方|各国政府|政府",
    },
    countries="(?:要求|呼吁|请|鼓励)(?:各国|国家|会员国)",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "《北京共识》建议",
        FrameKind.INVITES: "《北京共识》请教科文组织总干事",
        FrameKind.STATES: "根据《北京共识》，",
    },
    frame_next={},
    verdict_words={"yes": "是的", "no": "不"},
    # --- flags that replace branches on the language ---
    cjk=True,
    english_stems=False,
    capitalised_names=False,
    group_match="substring",
    ending=0,
    yes_no_opener="",
    verdict_separator="，",
    keeps_capital=(),
    gist_words=(6, 100),
    confident=0.89,
    # --- the source text (rag/corpus.py) ---
    preamble="序言",
    script="han",
    rtl=False,
    mend_split_words=False,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset(),
    tokenizer="han",
    detect_words=frozenset("的了吗嗎呢吧么麼什怎如何哪是有对對在和与與及关關于於为為从從把被会會能可应應该該要这這那我你他们們中里裡方面多少几幾否谁誰"),
    detect_frame_words=frozenset(),
    detect_article="",
    accents="",
    clause_words="",
    traditional_chars=True,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "天气预报和气候", "烹饪食谱和美食", "足球比赛结果和运动员", "旅游、酒店和机票", "股市、价格、金钱和银行",
        "医学、健康和疾病", "地理、国家、首都和城市", "电影、音乐、明星和娱乐", "购买手机和笔记本电脑", "战争和帝王的历史",
        "汽车、交通和维修", "物理和化学知识", "政治、选举和政党", "工作、工资和税收", "作业答案和考试技巧",
        "大学录取、奖学金和学位", "学习外语的应用程序", "聊天机器人如何工作以及由哪家公司开发",
    ),
    follow_up_words=frozenset(),
    # pronouns, demonstratives, 还/也 (also), 呢 (and … ?), 为什么 (why), 其他/另外 (other), 例子 (example)
    follow_up="它|他们|她们|这|那|此|其|还|也|呢|为什么|其他|另外|例子|举例",
    follow_up_proclitic="",
    # --- quoting (rag/direct.py) ---
    quotes=("“", "”"),
    inner_quotes={"“": "‘", "”": "’"},
    ellipsis="……",
    brackets=("（", "）"),
)

_AR_START = r"(?:^|(?<=\s)|(?<=^[وفبل])|(?<=\s[وفبل])|(?<=^[وف][بل])|(?<=\s[وف][بل]))"

AR = LanguageProfile(
    code="ar",
    # --- cues (regular expressions; rag/verify.py) ---
    # negations start a word or follow one or two clitics that start it (ولا, وعدم, وبغير…): _AR_START; a clitic
    # letter inside a word is none («وشمولا», "and inclusively", holds no «لا»)
    negation=(_AR_START + r"(?:لا(?!\s+سيما)|لم|لن|ليس|ليست|ليسوا|غير|دون|بدون|عدم|بلا|تجنب|منع|"
              r"بدلا|ألا|لئلا)(?=\s|$|[،.؛:])"),
    strong_negation=_AR_START + r"(?:لا\s+(?:يمكن|ينبغي|يجوز|يجب|يحق)|ألا|لن|لئلا)(?=\s|$|[،.؛:])",
    denial=(r"(?:^|(?<=\s)|(?<=[وفبل]))(?:ينكر\w*|تنكر\w*|إنكار\w*|ينفي\w*|تنفي\w*|نفي|مستحيل\w*|المستحيل|استحالة|"
            r"خطأ|خاطئ\w*|غير مقبول\w*|لا غنى|عاجز\w*)(?=\s|$|[،.؛:؟])"),
    wary=("(?:تحذير|يحذر|تحذر|حذر|صون|يصون|صيانة|الحد من|تقييد|يقيد|مقاومة|قلق|مخاوف|يخشى|تخشى|خشية|خوف|مخاطر|خطر|"
          "تهديد|الحفاظ|حفاظ|يحمي|تحمي|وقاية|تجنب|تفادي|خالية من|خال من|بمنأى)"),
    awareness="(?:إدراك|ندرك|مراعاة|الوعي|وعي)",
    need="(?:ضرورة|أهمية|الحاجة|احتياجات)",
    modal=r"(?:ينبغي|يجب|يتعين|ضرور\w*)",
    accomplished="(?:تم|بالفعل|يضمن|تضمن|مضمون|مضمونة|أصبح)",
    hedge=r"(?:النظر|إمكان\w*|استكشاف|دراسة|محتمل\w*)",
    yes_no_question="^(?:هل|أ(?=[يتن]))",
    wh_question=r"\b(?:ما|ماذا|كيف|لماذا|متى|أين|من هم|كم|أي|ما هي|ما هو)\b",
    why=r"(?:^|\s)(?:لماذا|لمَ|ما سبب)(?:\s|$)",
    restrictive="(?:فقط|حصرا|جميع|كل|دائما|أبدا|تماما|واحد|موحد|إلزامي|حظر|منع|يجب|يشترط|يطالب|يفرض|يلزم|يستلزم)",
    prohibit=("(?:^|(?<=\\s)|(?<=[وفبل]))(?:حظر|يحظر|تحظر|بحظر|منع|يمنع|تمنع|بمنع|إلغاء|بإلغاء|يلغي|إبطال|التوقف عن|بالتوقف عن|التخلي عن|رفض|"
              "يرفض|ترفض|برفض|إضعاف|يضعف|تضعف|بإضعاف|استبعاد|يستبعد|يستبعدون|باستبعاد|يعارض|تعارض|معارضة|تجاهل|يتجاهل|تتجاهل|بتجاهل|إهمال|يهمل|تهمل|إبعاد|بإبعاد|يبعد|تبعد|"
              "لا\\s+(?:يحتاج|تحتاج|نحتاج)\\w*(?:\\s+إلى\\s+أي)?|لا\\s+حاجة|غير\\s+ضروري\\w*|"
              # «ألا يراعي التعاون الاحتياجات الوطنية»: what is not taken into account is ignored
              "(?:لا|ألا|أن\\s+لا)\\s+(?:يراعي|تراعي|يراعى|تراعى|يأخذ|تأخذ)|بعدم\\s+مراعاة|عدم\\s+مراعاة|"
              "(?:يوصي|توصي|يدعو|تدعو|يطالب|تطالب|ينصح|تنصح)\\s+(?:\\S+\\s+){0,2}?(?:إلى\\s+)?(?:ب)?عدم)(?=\\s|$|[،.؛:؟])"),
    harms=("(?:تحيز|إعاقات|الإعاقات|إعاقة|الإعاقة|مصاعب|سلبي|السلبي|سلبية|السلبية|التحيز|الفجوة|فجوة|مخاطر|المخاطر|ضرر|أضرار|إساءة|تمييز|التمييز|عدم المساواة|تهديد|خطر|مراقبة|"
           "انتهاك|الغش|النزاع|نزاع|الكوارث|كوارث|الفوارق|فوارق|انخفاض|نقص|الافتقار|الاستقطاب|الضعيفة|العوائق|عوائق|الحواجز|حواجز)"),
    study="(?:البحث|بحوث|البحوث|دراسة|دراسات|الدراسات|تحليل|التحليل)",
    counter="(?:الحد من|للحد من|تقليص|تقليل|خفض|التخفيف|مكافحة|سد|حماية|التغلب|معالجة|تخلو من|يخلو من|خالية من|خال من)",
    keep_in_view="(?:ب)?دون إغفال",
    enough="(?<!\\S)(?:[وبل]?(?:ال)?(?:كافي\\w*|كاف|يكفي|تكفي|كثير\\w*)|تمثيلا جيدا)(?=\\s|$|[،.؛:؟])",
    short="(?<!\\S)[وبل]?(?:ال)?(?:افتقار|نقص|انعدام|انخفاض|قلة|قليل\\w*)",
    states="يقول يرى يعتبر يؤكد يذكر يعترف يقر",
    single="(?<!\\S)(?:ال)?(?:واحد\\w*|موحد\\w*|وحيد\\w*)",
    many="(?<!\\S)[وبل]{0,2}(?:ال)?(?:متعدد\\w*|مختلف\\w*|متنوع\\w*|عديد\\w*|تعدد|كثرة|تنوع)",
    about_number="(?:حوالي|نحو|قرابة|زهاء|أكثر من|لأكثر من|ما لا يقل عن|على الأقل)\\s*$",
    under_number="(?:أقل من|على الأكثر|حتى|قبل(?:\\s+عام)?)\\s*$",
    over_number="(?:أكثر من|لأكثر من|ما لا يقل عن|على الأقل|بعد(?:\\s+عام)?)\\s*$",
    asked_to="(?:^|\\s)(?:يُطلب|يطلب من|مدعو\\w*|يُدعى|تُدعى|يُوصى|يوصى)(?=\\s|$)",
    permission="(?:يجوز|يسمح|السماح|مقبول|يقبل)",
    people="(?:الناس|البشر|الإنسان|الانسان|البشرية|الأشخاص|الاشخاص|الضعيفة|المستضعفة|الهشة)",
    ability="(?:يمكن|تستطيع|يستطيع|بإمكان|بوسع)",
    machines=r"(?:آلات|الآلة|آلة|روبوت\w*|حاسوب\w*|حواسيب)",
    agent_by=r"(?:من قبل|بواسطة|(?:^|\s)ب(?=ال))",  # «استبدال المعلمين بالروبوتات»
    agent_ending="",
    synonyms=("تحل محل استبدال يستبدل تستبدل يحل", "الآلات آلات الآلة الروبوتات روبوتات", "تعمق تعميق تفاقم تزيد توسيع",
              "المعلمين المعلمون المدرسين", "دراسات بحوث"),
    aliases=("كبار السن المسنين المسنّين المسنات", "الآباء الوالدين أولياء", "التلاميذ الطلاب المتعلمين"),
    # whole words (a conjunction may be glued on): «تقبل» is inside «المستقبلية» (future)
    endorse="(?:^|(?<=\\s)|(?<=\\s[وف]))(?:يؤيد|تؤيد|يدعم|تدعم|يشجع|تشجع|يحبذ|يناصر|يقبل|تقبل|يتقبل|تتقبل|يتسامح|تتسامح)(?=\\s|$|[،؟?])",
    mention=r"(?:^|\s)(?:يذكر|تذكر|يتناول|تتناول|يتطرق|تتطرق|يتحدث عن|تتحدث عن|يشير إلى|تشير إلى)(?=\s|$)",
    ai=r"(?:ب|لل|ال)?ذكاء\s+(?:ال)?اصطناعي",
    ai_domain=r"(?:ب|لل|ال)?ذكاء\s+(?:ال)?اصطناعي(?:\s+في\s+(?:مجال\s+)?التعليم)?",
    # --- word lists (space-separated) ---
    groups=("معلم مدرس طالب طلاب الطلبة متعلم أولياء آباء فتيات الفتيات نساء المرأة أطفال شباب حكومة حكومات وزير "
            "وزراء صانعي واضعي باحث باحثين علماء خبير خبراء شركات القطاع-الخاص المجتمع-المدني مجتمعات أسر "
            "أصحاب-العمل عمال الدول-الأعضاء اليونسكو المدير-العام شركاء أصحاب-المصلحة جامعات إعاقة أقليات الأصلية "
            "مهاجرين لاجئين الريفية المسنين البالغين"),
    auxiliaries="هل يمكن ينبغي يجب سوف هناك استخدام",
    frame_words="توافق آراء بيجين يوصي توصي يدعو يؤكد نعم لا أيضا البلدان وفقاً وفقا للتوافق حسب",
    reporting="يدعو يطالب يطلب يريد يقول يرى يوصي يقترح يسعى يرغب يحاول يهدف",
    # --- question kinds (rag/kinds.py) and subjects (rag/mention.py) ---
    fact=r"(?:^|\s)(?:كم|متى|أين|مَن|من هم|من هي|من الذي|من الذين|من التي|في أي (?:عام|سنة|مدينة|بلد))(?:\s|$)",
    numeric=r"(?:^|\s)(?:كم|متى|في أي (?:عام|سنة)|ما تاريخ)(?:\s|$)",
    dated=r"(?:^|\s)(?:متى|في أي (?:عام|سنة)|ما تاريخ)(?:\s|$)",
    asked=(r"(?:^|(?<=\s))(?:ماذا|بماذا|ما|هي|هو|الذي|يطلب\w*|يدعو|يوصي|من|إلى|ب|الإجراءات|التدابير|المهام|دور|التوافق|توافق|"
           r"آراء|بيجين|لليونسكو|اليونسكو|أن|تقوم|يقوم|به|بها|في|يعلن\w*|أعلن\w*|يقول|تقول|التي|القيام|مضمون|توصيات|التوصيات|"
           r"اتخاذ\w*|باتخاذ\w*)(?=\s|$|"
           "[؟?])"),
    claim=r"(?:^|\s)(?:يقول|يرى|يعتبر|يؤكد|يذكر)\s+(?:\S+\s+){0,3}?(?:إن|أن|بأن)(?=\s)",
    about_case="",
    word_pairs=False,
    about=r"(?:^|\s)(?:عن|بشأن|حول|يذكر|تذكر|يتناول|يتطرق إلى|يتحدث عن|يشير إلى|يوصي ب|يوصي|يدعم|يشجع|يؤيد)(?=\s|$)",
    separators=r"\sو(?=\S)",
    refers_back=r"(?:^|\s)(?:هذه|هذا|تلك|ذلك)(?=\s)",
    ai_names=frozenset(),
    subject_frame_words=tuple(("ماذا ما هل يقول تقول توافق التوافق آراء الآراء بيجين الوثيقة النص الذكاء الاصطناعي التعليم "
                               "المدارس التعلم استخدام كيف لماذا أي شيء").split()),
    function_words=tuple("مع خلال عبر بين ضد حول لدى عند هذه هذا التي الذي وجود استخدام باستخدام لاستخدام بحلول المتعلقة المتعلق بشأن مجال فيما يتعلق وليس ليس فقط أي بعد قبل عدم بعدم".split()),
    subject_clitic="",
    subject_verb="",
    addressees={
        (1, 7): "(?:ال)?ديباجة|المشاركون|المشاركين",
        (39, 44): "المدير العام|للمدير العام",
        (33, 38): "المنظمات الدولية|للمنظمات الدولية|الجهات الشريكة",
        (8, 32): "الحكومات وسائر الجهات المعنية|الحكومات|للحكومات",
    },
    countries="(?:^|(?<=\\s))(?:ال)?(?:بلدان|دول)\\s+(?:إلى|الى|ب|أن)",
    # --- frames and verdicts (the system's own words) ---
    frames={
        FrameKind.RECOMMENDS: "يوصي توافق آراء بيجين بما يلي:",
        FrameKind.INVITES: "يدعو توافق آراء بيجين المدير العام لليونسكو إلى",
        FrameKind.STATES: "وفقاً لتوافق آراء بيجين،",
    },
    frame_next={},
    verdict_words={"yes": "نعم", "no": "لا"},
    # --- flags that replace branches on the language ---
    cjk=False,
    english_stems=False,
    capitalised_names=False,
    group_match="tokens",
    ending=0,
    yes_no_opener=r"(?:^|[،,:]\s*)(?:و|ف)?هل\s",  # «وفقاً للتوافق، هل …»
    verdict_separator="، ",
    keeps_capital=(),
    gist_words=(3, 40),
    confident=0.87,
    # --- the source text (rag/corpus.py) ---
    preamble="الديباجة",
    script="arabic",
    rtl=True,
    mend_split_words=False,
    # --- search (rag/lexical.py) and detection (rag/lang.py) ---
    stop_words=frozenset("في من على إلى الى عن ما ماذا هل كيف و أو او التي الذي هذا هذه ذلك".split()),
    tokenizer="arabic",
    detect_words=frozenset(("ما ماذا كيف هل لماذا متى أين اين من في على إلى الى عن مع و أو او هو هي هم ذلك هذا هذه التي "
                            "الذي الذين بشأن حول عند أن إن ان لا لم لن كان يمكن ليس بين حسب ثم قد كل أي اي").split()),
    detect_frame_words=frozenset(),
    detect_article=r"^(?:[وفبكل]?ال|لل)\w{2,}",
    accents="",
    clause_words="",
    traditional_chars=False,
    # --- scope (rag/scope.py) and follow-ups (rag/followup.py) ---
    off_topic=(
        "توقعات الطقس والمناخ", "وصفات الطبخ والطعام", "كرة القدم ونتائج المباريات والرياضيون",
        "السفر والسياحة والفنادق والرحلات الجوية", "البورصة والأسعار والمال والبنوك", "الطب والصحة والأمراض",
        "الجغرافيا والدول والعواصم والمدن", "الأفلام والموسيقى والمشاهير والترفيه", "شراء هاتف أو حاسوب محمول",
        "تاريخ الحروب والملوك", "السيارات والنقل والإصلاح", "حقائق الفيزياء والكيمياء",
        "السياسة والانتخابات والأحزاب", "الوظائف والرواتب والضرائب", "حلول الواجبات ونصائح الامتحانات",
        "القبول الجامعي والمنح الدراسية والشهادات", "تطبيقات لتعلم اللغات",
        "كيف تعمل روبوتات الدردشة وأي شركة صنعتها",
    ),
    follow_up_words=frozenset(("هو هي هم هن ذلك تلك هذا هذه هؤلاء أولئك أيضا أيضاً لماذا مثال أمثلة عنه عنها عنهم فيه "
                               "فيها فيهم منه منها منهم له لها لهم به بها بهم عليه عليها عليهم").split()),
    follow_up=r"^\s*ماذا عن",
    follow_up_proclitic=r"[وف][\u0600-\u06ff]{2,}",
    # --- quoting (rag/direct.py) ---
    quotes=("«", "»"),
    inner_quotes={},
    ellipsis="…",
    brackets=(" (", ")"),
)


PROFILES: dict[str, LanguageProfile] = {p.code: p for p in (EN, FR, ES, RU, ZH, AR)}


def _check(profiles: Mapping[str, LanguageProfile]) -> None:
    """Import-time completeness check: one profile per language of the corpus, every field set."""
    if set(profiles) != set(LANGS):
        raise ImportError(f"language profiles {sorted(profiles)} do not match LANGS {sorted(LANGS)}")
    for code, p in profiles.items():
        missing = [f.name for f in fields(p) if getattr(p, f.name) is None]
        if missing or p.code != code:
            raise ImportError(f"language profile {code!r} lacks {missing or ['code']}")
        if set(p.frames) != set(FrameKind) or set(p.verdict_words) != {"yes", "no"}:
            raise ImportError(f"language profile {code!r} lacks a frame or a verdict word")


_check(PROFILES)


def table(field: str) -> dict:
    """One field of every profile, by language: the shape of the old per-module tables."""
    return {code: getattr(p, field) for code, p in PROFILES.items()}
