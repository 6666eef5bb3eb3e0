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

# Imported for their registrations: the config names their factories, readers and
# functions, and spaCy looks each name up when the config is resolved: one module per
# component, the intent model (architecture), the concept patterns' readers (patterns) and
# the negation cues' reader (cue_matcher), the sign classifier's labels (sign_model), the
# classifiers stored with mapped weights (mapped_textcat).
from coach.language import (  # noqa: F401
    answer_intent,
    architecture,
    clauses,
    concepts,
    context,
    cue_matcher,
    facts,
    intent_rule,
    lemmatizer,
    mapped_textcat,
    negation,
    patterns,
    quantities,
    sign_model,
    tokenizer,
    warning_cues,
)

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
