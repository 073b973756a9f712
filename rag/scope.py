"""Is a question about the Consensus at all?

Raw cosine alone separates poorly: multilingual-e5 gives every text a fairly high similarity to
everything, more so in some languages (Chinese) than others. So the scope signal is a margin:
the question's best clause score minus its best similarity to a set of off-topic prototypes
(everyday subjects, and the education-adjacent requests the Consensus does not answer), written
in all six languages. A question nearer to a prototype than to any clause is out of scope.
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Optional

import numpy as np

from embeddings.base import Embedder

OFF_TOPIC = {
    "en": ["weather forecast and climate", "cooking recipes and food", "football, sports results and athletes",
           "travel, tourism, hotels and flights", "stock market, prices, money and banking",
           "medicine, health, illness and doctors", "geography, countries, capitals and cities",
           "movies, music, celebrities and entertainment", "buying electronics, phones and laptops",
           "history of wars and kings", "cars, transport and repairs", "physics, chemistry and science facts",
           "politics, elections and parties", "jobs, salaries and taxes",
           "homework answers, exam tips and test preparation", "university admissions, scholarships and degrees",
           "apps and online courses for learning a language", "how chatbots work and which company made them"],
    "fr": ["météo et prévisions du temps", "recettes de cuisine", "football, résultats sportifs et athlètes",
           "voyages, tourisme, hôtels et vols", "bourse, prix, argent et banque", "médecine, santé et maladies",
           "géographie, pays, capitales et villes", "films, musique, célébrités et divertissement",
           "acheter un téléphone ou un ordinateur portable", "histoire des guerres et des rois",
           "voitures, transports et réparations", "faits de physique et de chimie",
           "politique, élections et partis", "emplois, salaires et impôts",
           "réponses aux devoirs et astuces pour les examens", "admission à l'université, bourses et diplômes",
           "applications pour apprendre une langue", "comment fonctionnent les chatbots et qui les a créés"],
    "es": ["pronóstico del tiempo y clima", "recetas de cocina", "fútbol, resultados deportivos y atletas",
           "viajes, turismo, hoteles y vuelos", "bolsa, precios, dinero y bancos", "medicina, salud y enfermedades",
           "geografía, países, capitales y ciudades", "películas, música, famosos y entretenimiento",
           "comprar un teléfono o un portátil", "historia de guerras y reyes", "coches, transporte y reparaciones",
           "datos de física y química", "política, elecciones y partidos", "empleos, salarios e impuestos",
           "respuestas de tareas y trucos para exámenes", "admisión universitaria, becas y títulos",
           "aplicaciones para aprender un idioma", "cómo funcionan los chatbots y qué empresa los creó"],
    "ru": ["прогноз погоды и климат", "кулинарные рецепты", "футбол, результаты матчей и спортсмены",
           "путешествия, туризм, отели и авиабилеты", "биржа, цены, деньги и банки", "медицина, здоровье и болезни",
           "география, страны, столицы и города", "фильмы, музыка, знаменитости и развлечения",
           "покупка телефона или ноутбука", "история войн и королей", "автомобили, транспорт и ремонт",
           "факты по физике и химии", "политика, выборы и партии", "работа, зарплаты и налоги",
           "ответы на домашние задания и советы к экзаменам", "поступление в университет, стипендии и дипломы",
           "приложения для изучения языка", "как работают чат-боты и какая компания их создала"],
    "zh": ["天气预报和气候", "烹饪食谱和美食", "足球比赛结果和运动员", "旅游、酒店和机票", "股市、价格、金钱和银行",
           "医学、健康和疾病", "地理、国家、首都和城市", "电影、音乐、明星和娱乐", "购买手机和笔记本电脑",
           "战争和帝王的历史", "汽车、交通和维修", "物理和化学知识", "政治、选举和政党", "工作、工资和税收",
           "作业答案和考试技巧", "大学录取、奖学金和学位", "学习外语的应用程序", "聊天机器人如何工作以及由哪家公司开发"],
    "ar": ["توقعات الطقس والمناخ", "وصفات الطبخ والطعام", "كرة القدم ونتائج المباريات والرياضيون",
           "السفر والسياحة والفنادق والرحلات الجوية", "البورصة والأسعار والمال والبنوك", "الطب والصحة والأمراض",
           "الجغرافيا والدول والعواصم والمدن", "الأفلام والموسيقى والمشاهير والترفيه", "شراء هاتف أو حاسوب محمول",
           "تاريخ الحروب والملوك", "السيارات والنقل والإصلاح", "حقائق الفيزياء والكيمياء",
           "السياسة والانتخابات والأحزاب", "الوظائف والرواتب والضرائب", "حلول الواجبات ونصائح الامتحانات",
           "القبول الجامعي والمنح الدراسية والشهادات", "تطبيقات لتعلم اللغات",
           "كيف تعمل روبوتات الدردشة وأي شركة صنعتها"],
}


# A question that names the Consensus ("does the document mention…?") is about it, whatever its subject: its
# margin only has to clear a lower bar. Refusing it would read as "the Consensus does not cover this".
NAMES_THE_CONSENSUS = re.compile(r"\b(?:consensus|consenso|document|documento|консенсус\w*|документ\w*)\b"
                                 r"|共识|这份文件|该文件|توافق|وثيقة", re.IGNORECASE)
NAMED_SLACK = 0.03  # about the gap between the margins of in-scope and off-topic questions (dev)


def names_the_consensus(text: str) -> bool:
    return bool(NAMES_THE_CONSENSUS.search(text))


# The city in the document's title names the document, not a clause: "Beijing" is in clause 1 only (the
# conference's venue), so "¿Qué dice el Consenso de Beijing sobre los docentes?" was answered from clause 1.
# Retrieval reads the title as "the Consensus"; "the conference in Beijing" keeps its city.
_TITLE_CITY = re.compile(r"\b(?:beijing|p[ée]kin)\s+(?=consensus)|(?<=consensus)\s+(?:de|of)\s+(?:beijing|pékin)\b"
                         r"|(?<=consenso)\s+de\s+(?:beijing|pekín)\b|\bпекинск\w*\s+(?=консенсус)|北京(?=共识)"
                         r"|(?<=توافق آراء)\s+بيجين|(?<=توافق)\s+بيجين", re.IGNORECASE)


def without_title_city(text: str) -> str:
    return _TITLE_CITY.sub("", text)


class ScopeModel:
    """margin(question) = best clause score - best off-topic prototype similarity."""

    def __init__(self, embedder: Embedder, encode: Optional[Callable[[list[str]], np.ndarray]] = None) -> None:
        """`encode`: how the prototypes become vectors (the Retriever's caches them on disk); default: embed them."""
        self.embedder = embedder
        self._encode = encode or embedder.passages
        self._protos: np.ndarray | None = None
        self._lock = threading.Lock()

    def prototypes(self) -> np.ndarray:
        with self._lock:
            if self._protos is None:
                texts = [t for lang in OFF_TOPIC for t in OFF_TOPIC[lang]]
                self._protos = self._encode(texts)
            return self._protos

    def margin(self, qvec: np.ndarray, best_clause_score: float) -> float:
        return best_clause_score - float((self.prototypes() @ qvec).max())


# The document's name in a question ("Does the Consensus support …?") matched clause 44, the one clause that names
# the Consensus ("extend the outreach of the Consensus"), for any subject. Clauses are ranked on the question
# without it; whether the question is in scope is still judged on the whole question.
_DOCUMENT_NAME = re.compile(r"(?:\b(?:the|le|la|l'|l’|el|this|ce|este)\s+)?(?:" + _TITLE_CITY.pattern + "|"
                            + NAMES_THE_CONSENSUS.pattern + r")(?:\s+(?:آراء|de|of))?", re.IGNORECASE)


def without_document_name(text: str) -> str:
    """The question without "the (Beijing) Consensus", or the question itself when little else is left."""
    rest = re.sub(r"\s+", " ", _DOCUMENT_NAME.sub(" ", without_title_city(text))).strip()
    han = len(re.findall(r"[\u4e00-\u9fff]", rest))
    return rest if han >= 4 or len(re.findall(r"\w", rest)) - han >= 10 else text

