"""The intent classifier's model: spaCy's bag-of-words text classifier over richer features.

spaCy's ``TextCatBOW.v3`` hashes n-grams of the exact text (ORTH), so "Hinge", "hinging" and
"hinged" are three unrelated features and a short training set cannot cover them. This
architecture is the same sparse linear model with a softmax, fed with

* n-grams of lower-case lemmas (so inflections and case share weights),
* the concepts the rule components found, with their negation ("qual:pain", "NEG qual"),
  so "my hamstrings feel tight" and "my knees ache" look alike to the classifier,
* the first word and a length bucket (questions start with "what/how/why"; "ok" is short).

It stays as fast as TextCatBOW: features are hashed, no vectors, no convolution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import numpy
from spacy.attrs import LEMMA
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    Logistic,
    Model,
    SparseLinear_v2,
    chain,
    resizable,
    softmax_activation,
    with_cpu,
)
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d, Ints1d

from coach.language.concepts import CONCEPTS_KEY

# What the features layer hands SparseLinear: hashed keys (uint64) and their values (float32),
# arrays of the ops' own kind, and how many keys each doc has.
Features = tuple[Any, Any, Ints1d]


def doc_features(doc: Doc) -> Iterator[str]:
    """The non-n-gram features of one message, as strings (hashed by the caller)."""
    n = len(doc)
    yield "LEN=" + (
        "0"
        if n == 0
        else "1"
        if n == 1
        else "2-3"
        if n <= 3
        else "4-7"
        if n <= 7
        else "8-15"
        if n <= 15
        else "16+"
    )
    if n:
        yield "FIRST=" + doc[0].lemma_
        if n > 1:
            yield "FIRST2=" + doc[0].lemma_ + "_" + doc[1].lemma_
        yield "LAST=" + doc[-1].lemma_
    for span in doc.spans.get(CONCEPTS_KEY, []):
        kind = span.label_.split(":")[0]
        neg = "NEG " if span._.get("hc_negated") else ""
        yield "C=" + neg + kind
        yield "C=" + neg + span.label_
    facts = doc._.get("facts") or []
    if facts:
        yield "FACTS"
        for fact in facts:
            yield "F=" + fact["type"] + ("" if fact["present"] else " NO")


def _distinct(keys: Any) -> Any:
    """The sorted distinct keys, as ``numpy.unique`` gives them.

    Not ``numpy.unique`` itself: on NumPy 2 its first call imports ``numpy.ma``, which keeps
    about 10 MB resident for the life of the process, a third of what the coach adds to a
    bare spaCy.
    """
    ordered = numpy.sort(keys)
    if len(ordered) < 2:
        return ordered
    first = numpy.empty(len(ordered), dtype=bool)
    first[0] = True
    numpy.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def _forward(
    model: Model[list[Doc], Features], docs: list[Doc], is_train: bool
) -> tuple[Features, Callable[[Any], list[Any]]]:
    ops = model.ops
    ngram_size: int = model.attrs["ngram_size"]
    batch_keys: list[Any] = []
    batch_vals: list[Any] = []
    for doc in docs:
        lemmas = numpy.ascontiguousarray(doc.to_array(LEMMA), dtype="uint64")
        parts: list[Any] = [lemmas]
        for size in range(2, ngram_size + 1):
            if len(lemmas) >= size:
                # thinc types ngrams' input as its Ints1d; a uint64 numpy array is what it takes.
                parts.append(ops.ngrams(size, lemmas))  # type: ignore[arg-type]
        extra = [get_string_id(f) for f in doc_features(doc)]
        parts.append(numpy.asarray(extra, dtype="uint64"))
        # Present or not, never how often: a sentence said five times is no surer than once.
        keys: Any = _distinct(numpy.concatenate(parts))
        batch_keys.append(keys)
        batch_vals.append(numpy.ones(len(keys), dtype="f"))
    lengths = ops.asarray1i([len(k) for k in batch_keys])
    keys = ops.xp.concatenate(batch_keys) if batch_keys else ops.alloc1i(0).astype("uint64")
    vals = ops.asarray(ops.xp.concatenate(batch_vals) if batch_vals else ops.alloc1f(0), dtype="f")

    def backprop(dY: Any) -> list[Any]:
        return []

    return (keys, vals, lengths), backprop


def intent_features(ngram_size: int) -> Model[list[Doc], Features]:
    return Model("hc_intent_features", _forward, attrs={"ngram_size": ngram_size})


@registry.architectures("hinge_coach.IntentBOW.v1")
def build_intent_bow(
    exclusive_classes: bool,
    ngram_size: int,
    length: int = 65536,
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """Mirror of spaCy's ``build_bow_text_classifier_v3`` with the features above."""
    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill_defaults = {"b": NEG_VALUE, "W": 0}
    output_layer = softmax_activation() if exclusive_classes else Logistic()
    resizable_layer: Model[Features, Floats2d] = resizable(
        sparse_linear,
        resize_layer=partial(resize_linear_weighted, fill_defaults=fill_defaults),
    )
    model: Model[list[Doc], Floats2d] = chain(intent_features(ngram_size), resizable_layer)
    model = with_cpu(model, model.ops)
    model = chain(model, with_cpu(output_layer, output_layer.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model
