"""The language layer: free text in, the contract's intent, confidence and facts out.

    from coach.language import Parser, parse
    parse("my lowr back gets tight after I pick up the laundry")

Modules, one job each: ``config.cfg`` (the spaCy pipeline), ``pipeline`` (builds it),
``components`` (the custom spaCy components), ``architecture`` (the intent model),
``patterns`` + ``data/patterns.toml`` (concept phrases), ``lemmas``, ``numbers``, ``facts``
(concepts -> facts), ``intents`` (training data and training), ``cache``, ``parser``,
``cli``, ``evaluation``, ``cleaning``.

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
