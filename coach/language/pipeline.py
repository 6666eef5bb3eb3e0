"""Building the spaCy pipeline from ``config.cfg``.

The rule components get their data (lemmas, patterns, negation cues) through the config's
``[initialize]`` readers, so building is: config -> ``nlp`` -> ``nlp.initialize()``. Training
the intent classifier lives in ``intents.py``; loading a trained copy in ``cache.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.training import Example
from spacy.util import load_config, load_model_from_config
from thinc.api import Config

# Imported for their registrations: the config names their factories and readers.
from coach.language import answer_intent as _answer_intent  # noqa: F401
from coach.language import architecture as _architecture  # noqa: F401
from coach.language import components as _components  # noqa: F401
from coach.language import context as _context  # noqa: F401
from coach.language import sign_model as _sign_model  # noqa: F401

CONFIG_PATH = Path(__file__).parent / "config.cfg"
TEXTCAT = "textcat"


def load_pipeline_config(path: Path = CONFIG_PATH) -> Config:
    return load_config(path, interpolate=False)


def training_settings(config: Config) -> dict[str, Any]:
    return dict(config["hinge_coach"]["training"])


def build_pipeline(
    labels: Iterable[str],
    get_examples: Callable[[], Iterable[Example]] | None = None,
    config: Config | None = None,
) -> Language:
    """An initialised pipeline whose textcat knows ``labels`` but has not been trained."""
    config = config or load_pipeline_config()
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    textcat = nlp.get_pipe(TEXTCAT)
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]
    nlp.initialize(get_examples)
    return nlp
