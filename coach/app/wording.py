"""What the app says, read from ``coach/data/app.toml`` and checked at import.

The app's labels are needed at class definition (the key bar's bindings), so the table is
read when this module is imported: a missing entry or a wrong ``{field}`` stops the app
before its first frame, and fails the tests, rather than showing a broken line.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from rules.lines import Lines, WordingError, read_toml

# Each entry the app reads, with the format fields the app fills in.
_FIELDS: dict[str, tuple[str, ...]] = {
    "subtitle": (),
    "placeholder": (),
    "finished_placeholder": (),
    "language_model_title": (),
    "parser_failed": ("error",),
    "no_free_text": ("error",),
    "turn_failed_title": (),
    "turn_failed": (),
    "plan_ready_title": (),
    "plan_ready": (),
    "saved": ("path",),
    "saved_title": (),
    "saved_where": ("path", "where"),
    "saved_in_start_folder": (),
    "saved_in_documents": (),
    "saved_in_transcript_folder": (),
    "downloading": (),
    "not_saved_title": (),
    "not_saved": ("error",),
    "link_not_opened": ("href",),
    "sent_why_plan": (),
    "sent_why_asking": (),
    "sent_restart": (),
    "sent_help": (),
    "status_loading": (),
    "status_first_start": (),
    "status_preparing": (),
    "status_failed": ("error",),
    "what_i_know": (),
    "your_plan": (),
    "nothing_yet": (),
    "not_sure_about": ("topic",),
    "no_answer_about": ("sign",),
    "not_yet_asking": ("topic",),
    "not_yet": (),
    "next_unlock": ("step", "needs"),
    "needs_kit": ("step",),
    "transcript_title": ("when",),
    "transcript_not_advice": (),
    "transcript_conversation": (),
    "transcript_you": (),
    "transcript_coach": (),
    "transcript_no_plan": (),
}
# The key bar's labels, by action.
_KEYS = ("why", "how", "plan", "history", "save", "toggle_panel", "restart", "quit",
         "scroll_up", "scroll_down", "earlier", "later")
# The palette's commands, by action: a name and a line of help each.
_COMMANDS = ("why", "how", "plan", "history", "save", "restart", "help", "toggle_panel", "quit")


@dataclass(frozen=True)
class Command:
    name: str
    help: str


def _load() -> tuple[Lines, Lines, dict[str, Command]]:
    raw = read_toml(files("coach.data").joinpath("app.toml"), "app.toml")
    keys = Lines(raw.pop("keys", {}), dict.fromkeys(_KEYS, ()), "app.toml [keys]")
    table = raw.pop("commands", {})
    if set(table) != set(_COMMANDS):
        raise WordingError(f"app.toml [commands] must be exactly {sorted(_COMMANDS)}")
    commands = {}
    for action in _COMMANDS:
        entry = Lines(table[action], {"name": (), "help": ()}, f"app.toml [commands.{action}]")
        commands[action] = Command(entry("name"), entry("help"))
    return Lines(raw, _FIELDS, "app.toml"), keys, commands


LINES, KEYS, COMMANDS = _load()
