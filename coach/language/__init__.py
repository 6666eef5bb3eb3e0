"""The language layer: free text in, the contract's intent, confidence and facts out.

    from coach.language import Parser, parse
    parse("my lowr back gets tight after I pick up the laundry")

Modules, one job each: ``config.cfg`` (the spaCy pipeline), ``pipeline`` (builds it); one
module per custom spaCy component, with its registration and config: ``tokenizer``,
``lemmatizer``, ``clauses``, ``concepts`` (with ``patterns`` + ``data/patterns.toml``, the
concept phrases), ``warning_cues``, ``quantities``, ``negation``, ``context``, ``facts``
(concepts -> facts), ``answer_intent``, ``intent_rule``; ``cue_matcher`` (what the clause
splitter and the negation detector share); ``architecture`` (the intent model), ``lemmas``,
``numbers``, ``word_lists``, ``intents`` (training data and training), ``cache``,
``parser``, ``cli``, ``evaluation``, ``pieces`` (a long message read in pieces).

Names are loaded lazily so importing the package does not import spaCy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Parser", "parse"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from coach.language import parser

        return getattr(parser, name)
    raise AttributeError(name)
