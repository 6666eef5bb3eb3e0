"""The conversation: messages in order, following new ones only if the reader is at the end.

Following is Textual's anchor: while anchored, the log stays at its end as content grows
(Markdown lays out asynchronously, so this is the only robust way to stay at the end);
scrolling up releases it, coming back to the end restores it, and sending a message brings
the view down. One refinement: a reply too long for the window (a plan, the answer to "why?"
followed by the question again) is read from its start, with the message it answers above
it, rather than from its end. The opening answers nothing and ends with the first question,
so it is shown from its end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widget import Widget

from coach.app.messages import ReplyResized

if TYPE_CHECKING:
    # Imported with the first message, after the first frame: Textual's Markdown is heavy.
    from coach.app.widgets.bubbles import CoachMessage, Note, UserMessage


class ChatLog(VerticalScroll, can_focus=False, can_focus_children=False):
    """Focus stays on the input; the log scrolls by mouse, PageUp/PageDown and the scrollbar."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        # The latest reply to show from its start, while the reader hasn't scrolled away.
        self._read_from_start: CoachMessage | None = None

    def on_mount(self) -> None:
        self.anchor()

    def add_user(self, text: str, *, pending: bool = False, command: bool = False) -> UserMessage:
        from coach.app.widgets.bubbles import UserMessage

        message = UserMessage(text, pending=pending, command=command)
        self._read_from_start = None
        self.mount(message)
        # Sending brings the view down to what was sent, wherever the reader was: this
        # restores the anchor, which keeps the view at the end once the message is laid out.
        self.scroll_end(animate=False, immediate=True)
        return message

    def add_coach(self, markdown: str, lead: Widget | None = None) -> CoachMessage:
        """The coach's reply, placed right after the message it answers (``lead``)."""
        from coach.app.widgets.bubbles import CoachMessage

        message = CoachMessage(markdown, lead=lead)
        self._read_from_start = message if lead is not None and self.following else None
        if lead is not None and lead.parent is self:
            # Replies to messages sent while the model loaded go under each of them, so the
            # log reads question, answer, question, answer.
            self.mount(message, after=lead)
        else:
            self.mount(message)
        return message

    def add_note(self, text: str, tone: str = "") -> Note:
        from coach.app.widgets.bubbles import Note

        note = Note(text, tone=tone)
        self.mount(note)
        return note

    @property
    def following(self) -> bool:
        """Is the reader at the end, so that new messages scroll into view?"""
        # Textual has no public "anchor released" property; this is the flag it keeps.
        return self.is_anchored and not self._anchor_released

    def release_anchor(self) -> None:
        # The reader scrolled: from now on they decide what they look at.
        self._read_from_start = None
        super().release_anchor()

    def on_reply_resized(self, event: ReplyResized) -> None:
        # Markdown lays a reply out in steps after it is mounted, so this may come a few
        # times; the layout is settled for each, and the answer is the same each time.
        message = self._read_from_start
        if message is None or event.reply is not message or not message.is_mounted:
            return
        top = message.lead if message.lead is not None and message.lead.is_mounted else message
        reply_height = message.virtual_region.bottom - top.virtual_region.y
        if reply_height <= self.scrollable_content_region.height:
            return  # it fits: the end, where the anchor keeps the view, shows all of it
        # Hold the view here (the anchor would pull it to the end); sending restores it.
        super().release_anchor()
        self.scroll_to_widget(top, top=True, animate=False, immediate=True)
