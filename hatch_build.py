"""Install-time step: train the intent classifier once, when the package is built, and ship
the trained pipeline in the wheel, so that no first start has to train it.

The pipeline goes to ``<environment>/share/hinge-coach/pipeline-<key>/`` with its manifest
(a SHA-256 per file, ``coach/language/manifest.py``); at run time it is used only when its
key matches the data and code of the running program and every file still matches its hash
(``coach/language/cache.py``); otherwise the program trains and caches as before. Training is
seeded, so the same sources build the same pipeline. Nothing is downloaded: the pipeline is
built from the repository's own data.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TrainedPipelineHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        sys.path.insert(0, self.root)
        from coach.language import cache, intents

        self._out = Path(tempfile.mkdtemp(prefix="hinge-coach-pipeline-"))
        key = intents.model_key()
        folder = cache.store(intents.train(intents.load_examples()), key, self._out)
        build_data["shared_data"][str(folder)] = f"share/hinge-coach/{folder.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
