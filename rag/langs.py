"""The official languages of the Consensus, in the order its six versions appear in the source text.

A module of its own so that rag/profiles.py can check itself against it and rag/corpus.py can read the
profiles, without an import cycle."""
LANGS = ("en", "fr", "es", "ru", "zh", "ar")
