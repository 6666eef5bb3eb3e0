"""Restoring from the profile gives the same beliefs as replaying every telling."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import a_fact

from coach.profile.memory import LASTING_FACTS, Memory
from coach.profile.store import ProfileStore
from coach.session import CoachSession

lasting = st.lists(
    st.lists(st.sampled_from(LASTING_FACTS).flatmap(a_fact), min_size=1, max_size=3),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(lasting)
def test_restore_equals_replaying_everything(sessions):
    replayed = CoachSession()
    with tempfile.TemporaryDirectory() as folder:
        store = ProfileStore.open(Path(folder) / "p.sqlite3").store
        for facts in sessions:
            store.start_session()
            for fact in facts:
                store.add_facts([fact], "said")
                replayed.tell([fact], said="said")
        restored = CoachSession()
        Memory(store).restore(restored)
        store.close()
    assert restored.known_facts() == replayed.known_facts()
