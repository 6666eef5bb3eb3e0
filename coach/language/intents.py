"""The intent classifier: its training data, its deterministic training, its cache key.

Training data is ``data/intents.toml``: one table per contract intent, ``examples = [...]``.
Training is seeded (``[hinge_coach.training] seed`` in ``config.cfg``) and the examples are
fed in a seeded order, so the same data gives the same weights and the same outputs.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]  # thinc's, unlisted
from thinc.api import Adam, Config

from coach.language import cache, sign_model
from coach.language.pipeline import (
    TEXTCAT,
    build_pipeline,
    load_pipeline_config,
    training_settings,
)
from rules.vocabulary import INTENTS

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
INTENTS_PATH = DATA_DIR / "intents.toml"

# Bump when something that shapes the model changes outside the hashed files.
MODEL_VERSION = "1"


class IntentDataError(ValueError):
    """The intents file names an intent the contract does not have, or has no examples."""


def load_examples(path: Path = INTENTS_PATH) -> dict[str, list[str]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    examples: dict[str, list[str]] = {}
    for intent, table in data.items():
        if intent not in INTENTS:
            raise IntentDataError(f"{path.name}: {intent!r} is not one of the contract's intents")
        texts = table.get("examples", []) if isinstance(table, Mapping) else []
        cleaned = [t.strip() for t in texts if isinstance(t, str) and t.strip()]
        if cleaned:
            examples[intent] = cleaned
    if len(examples) < 2:
        raise IntentDataError(f"{path.name}: need examples for at least two intents")
    return examples


def model_key(intents_path: Path = INTENTS_PATH, config_path: Path | None = None) -> str:
    """Hash of everything the trained pipeline depends on."""
    from coach.language.pipeline import CONFIG_PATH

    # spaCy sets __version__ from spacy.about without exporting it.
    parts: list[bytes | str] = [MODEL_VERSION, spacy.__version__]  # type: ignore[attr-defined]
    try:
        import spacy_lookups_data

        parts.append(getattr(spacy_lookups_data, "__version__", "?"))
    except ImportError:  # pragma: no cover - a dependency of the project
        parts.append("no-lookups")
    parts.append(intents_path.read_bytes())
    parts.append((config_path or CONFIG_PATH).read_bytes())
    # The rule components' data and code shape the features the classifiers learn from; the
    # warning-sign sets are the sign classifier's training data.
    sources = (sorted(DATA_DIR.glob("*.toml")) + sign_model.sign_sets()
               + sorted(PACKAGE_DIR.glob("*.py")))
    for path in sources:
        if path.resolve() == intents_path.resolve():
            continue
        parts.append(path.name)
        parts.append(path.read_bytes())
    return cache.content_key(parts)


def train(
    examples: Mapping[str, list[str]],
    config: Config | None = None,
    sign_rows: Sequence[Mapping[str, Any]] | None = None,
) -> Language:
    """A pipeline with its intent textcat trained on ``examples`` and its sign classifier on
    ``sign_rows`` (default: the sets in ``data/signs/``) plus the intent examples labelled by
    the lexicon; deterministic for a given input."""
    config = config or load_pipeline_config()
    settings = training_settings(config)
    seed = int(settings["seed"])
    fix_random_seed(seed)
    labels = [intent for intent in INTENTS if intent in examples]
    pairs = [(text, intent) for intent in labels for text in examples[intent]]

    def cats(intent: str) -> dict[str, float]:
        return {label: float(label == intent) for label in labels}

    # Initialising the textcat only needs tokens to size the model; the rule components'
    # annotations come later, from the real pipeline.
    make_doc = spacy.blank("en").make_doc
    nlp = build_pipeline(
        labels,
        get_examples=lambda: [
            Example.from_dict(make_doc(t), {"cats": cats(i)}) for t, i in pairs[:50]
        ],
        config=config,
    )
    after = nlp.pipe_names[nlp.pipe_names.index(TEXTCAT):]
    with nlp.select_pipes(disable=after):
        docs = list(nlp.pipe(t for t, _ in pairs))
    intent_examples = [
        Example.from_dict(doc, {"cats": cats(intent)})
        for doc, (_, intent) in zip(docs, pairs, strict=True)
    ]
    rng = random.Random(seed)
    _fit(nlp, TEXTCAT, intent_examples, settings, int(settings["max_epochs"]), rng)

    rows = sign_model.read_rows(sign_model.sign_sets()) if sign_rows is None else sign_rows
    with nlp.select_pipes(disable=after):
        sign_docs = list(nlp.pipe(str(r["text"]) for r in rows))
    sign_examples = [
        Example.from_dict(doc, {"cats": sign_model.gold_cats(row["signs"])})
        for doc, row in zip(sign_docs, rows, strict=True)
    ] + [Example.from_dict(doc, {"cats": sign_model.lexicon_cats(doc)}) for doc in docs]
    epochs = int(config["hinge_coach"]["sign_training"]["max_epochs"])
    _fit(nlp, sign_model.SIGN_TEXTCAT, sign_examples, settings, epochs, rng)
    return nlp


def _fit(nlp: Language, pipe: str, examples: list[Example], settings: Mapping[str, Any],
         epochs: int, rng: random.Random) -> None:
    """Train one pipe; the others, rules and the other classifier, stay as they are."""
    others = [name for name in nlp.pipe_names if name != pipe]
    optimizer = Adam(float(settings["learn_rate"]))
    for _ in range(epochs):
        rng.shuffle(examples)
        # spaCy's minibatch has no annotations.
        for batch in minibatch(  # type: ignore[no-untyped-call]
            examples, size=int(settings["batch_size"])
        ):
            nlp.update(batch, sgd=optimizer, drop=float(settings["dropout"]), exclude=others)


def cache_state(intents_path: Path = INTENTS_PATH,
                cache_root: Path | None = None) -> cache.CacheState:
    """Is the pipeline for this data and code in the cache, or what will loading do first?"""
    return cache.inspect(model_key(intents_path), cache_root)


def load_trained(intents_path: Path = INTENTS_PATH, cache_root: Path | None = None) -> Language:
    """The trained pipeline: from the cache when it is there, else trained and cached."""
    key = model_key(intents_path)
    return cache.load_or_build(key, lambda: train(load_examples(intents_path)), root=cache_root)
