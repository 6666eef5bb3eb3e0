"""What the command line says, read from ``coach/data/cli.toml`` and checked at import."""

from __future__ import annotations

from importlib.resources import files

from rules.lines import Lines, read_toml

# Each entry, with the format fields the code fills in.
_FIELDS: dict[str, tuple[str, ...]] = {
    "description": (),
    "epilog": ("path",),
    "profile_trouble": ("error",),
    "history_no_profile": (),
    "history_none_yet": ("path",),
    "history_title": ("sessions", "path"),
    "history_empty": (),
    "forget_no_profile": (),
    "forget_none": ("path",),
    "forget_not_a_profile": ("path",),
    "forget_warning": ("path",),
    "forget_word": (),
    "forget_confirm": ("word",),
    "forget_kept": (),
    "deleted": ("path",),
    "serve_no_profile": (),
    "serve_bad_port": ("port",),
    "serve_bad_sessions": (),
    "serve_exposed": ("host", "port"),
    "serve_started": ("url", "sessions"),
    "serve_failed": ("host", "port", "error"),
    "profile_unavailable": ("path", "why"),
    "profile_locked": (),
    "profile_no_access": ("error",),
    "profile_folder": (),
    "profile_folder_hint": ("why",),
    "profile_kept_busy": (),
    "profile_not_moved": ("why", "error"),
    "profile_damaged": ("path", "why", "aside"),
    "profile_foreign": (),
    "profile_newer": ("path", "version", "known"),
    "profile_check_failed": ("check",),
    "profile_folder_kept": ("path",),
    "profile_not_deleted": ("path", "error", "done"),
    "profile_did_delete": ("paths",),
    "profile_none_deleted": (),
    "first_run": (),
    "damaged": ("folder", "reason"),
    "fallback": ("root", "reason", "fallback"),
    "unkept": ("root", "reason"),
}
_HELP = ("profile", "no_profile", "chat", "chat_json", "ask", "ask_text", "ask_json", "history",
         "forget", "forget_yes", "serve", "serve_host", "serve_port", "serve_max_sessions",
         "parse", "parse_text")

_raw = read_toml(files("coach.data").joinpath("cli.toml"), "cli.toml")
HELP = Lines(_raw.pop("help", {}), dict.fromkeys(_HELP, ()), "cli.toml [help]")
LINES = Lines(_raw, _FIELDS, "cli.toml")
