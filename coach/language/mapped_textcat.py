"""spaCy's two text classifiers, stored so that loading maps their weights, not copies them.

The intent and sign classifiers are sparse linear models with 8.5 MB of weights. spaCy's
``from_disk`` reads a pipe's whole model file, unpacks it and copies the weights out (about
twice their size at the peak), and keeps them all resident. Here the weights go to
``weights.npy`` beside the pipe's ``model`` (which keeps everything else) and are mapped
copy-on-write when loaded, so loading makes no copy and the load's peak is gone (about
17 MB lower for ``ask``). The pages come in as messages read them; SparseLinear.v2 spreads
each feature over every label's block, so after a first message nearly all of them are
resident. Training and predictions are spaCy's own: the pipes are ``TextCategorizer`` and
``MultiLabel_TextCategorizer`` with this one difference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.language import Language
from spacy.pipeline.textcat import TextCategorizer
from spacy.pipeline.textcat_multilabel import MultiLabel_TextCategorizer
from thinc.api import Model
from thinc.util import convert_recursive, is_xp_array

WEIGHTS = "weights.npy"
# The sparse layer, as the architecture names it (architecture.build_intent_bow).
SPARSE_LAYER = "output_layer"

_MODEL = {
    "@architectures": "hinge_coach.IntentBOW.v1",
    "ngram_size": 2,
    "length": 65536,
    "nO": None,
}


def _sparse(model: Model[Any, Any]) -> Model[Any, Any]:
    return model.get_ref(SPARSE_LAYER)


def _without_sparse_weights(model: Model[Any, Any], layer: Model[Any, Any]) -> bytes:
    """``model.to_bytes()`` with the sparse layer's weights left out (kept: their shape).

    Built from the model's dict, never by emptying the layer for a moment: another thread
    may be predicting with, or saving, the same model.
    """
    msg = model.to_dict()
    index = next(i for i, node in enumerate(model.walk()) if node is layer)
    msg["params"][index] = {**msg["params"][index], "W": layer.get_param("W")[:0]}
    msg = convert_recursive(is_xp_array, partial(model.ops.to_numpy, byte_order="<"), msg)
    return srsly.msgpack_dumps(msg)  # type: ignore[no-any-return]


class _MappedWeights:
    """``to_disk`` and ``from_disk`` for a text classifier whose sparse layer's weights live
    in ``weights.npy``; put before the spaCy class, whose own methods write the rest."""

    model: Model[Any, Any]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        layer = _sparse(self.model)
        weights = layer.get_param("W")
        numpy.save(folder / WEIGHTS, numpy.ascontiguousarray(numpy.asarray(weights)))
        super().to_disk(folder, exclude=[*exclude, "model"])  # type: ignore[misc]
        if "model" not in exclude:
            (folder / "model").write_bytes(_without_sparse_weights(self.model, layer))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Any:
        super().from_disk(path, exclude=exclude)  # type: ignore[misc]
        # "c": copy-on-write, so the array is writable as thinc expects and the file never is.
        weights = numpy.load(Path(path) / WEIGHTS, mmap_mode="c")
        layer = _sparse(self.model)
        expected = layer.get_dim("nO") * layer.get_dim("length")
        if weights.dtype != numpy.float32 or weights.shape != (expected,):
            raise ValueError(f"{Path(path) / WEIGHTS}: weights of shape {weights.shape} "
                             f"({weights.dtype}), not ({expected},) float32")
        layer.set_param("W", weights)
        return self


class MappedTextCategorizer(_MappedWeights, TextCategorizer):
    """spaCy's single-label text classifier, its weights mapped on load."""


class MappedMultiLabelTextCategorizer(_MappedWeights, MultiLabel_TextCategorizer):
    """spaCy's multi-label text classifier, its weights mapped on load."""


@Language.factory(
    "hc_textcat",
    assigns=["doc.cats"],
    default_config={
        "threshold": 0.0,
        "model": {**_MODEL, "exclusive_classes": True},
        "scorer": {"@scorers": "spacy.textcat_scorer.v2"},
    },
)
def make_textcat(
    nlp: Language,
    name: str,
    model: Model[Any, Any],
    threshold: float,
    scorer: Callable[..., Any] | None,
) -> MappedTextCategorizer:
    return MappedTextCategorizer(nlp.vocab, model, name, threshold=threshold, scorer=scorer)


@Language.factory(
    "hc_textcat_multilabel",
    assigns=["doc.cats"],
    default_config={
        "threshold": 0.0,
        "model": {**_MODEL, "exclusive_classes": False},
        "scorer": {"@scorers": "spacy.textcat_multilabel_scorer.v2"},
    },
)
def make_multilabel_textcat(
    nlp: Language,
    name: str,
    model: Model[Any, Any],
    threshold: float,
    scorer: Callable[..., Any] | None,
) -> MappedMultiLabelTextCategorizer:
    return MappedMultiLabelTextCategorizer(
        nlp.vocab, model, name, threshold=threshold, scorer=scorer
    )
