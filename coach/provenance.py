"""Where an answer comes from, said with it: the article (its section and words) or the
coach's own guidance. Wording in rules/knowledge/questions.toml ([answers], [sections])."""

from __future__ import annotations

from rules.knowledge import Source
from rules.knowledge.questions import load_questions
from rules.wording import LINES, join


def is_article(basis: str) -> bool:
    """Knowledge items say ``basis = "article"`` unless they are the coach's own."""
    return basis == "article"


def basis_label(basis: str) -> str:
    """ "from the article", or "the coach's guidance, not the article's"."""
    words = load_questions().answers
    return words["article_label"] if is_article(basis) else words["coach_label"]


def source_line(source: Source) -> str:
    """The article section an item comes from, with the article's own words if quoted."""
    questions = load_questions()
    section = questions.sections[source.section]
    if source.quote:
        return questions.answers["from_article"].format(section=section, quote=source.quote)
    return questions.answers["from_section"].format(section=section)


def coach_part(text: str) -> str:
    """The coach's own guidance, set apart from the article's and labelled as such."""
    return load_questions().answers["coach_part"].format(text=text)


def words(key: str) -> str:
    """One of the answer phrasings of questions.toml [answers]."""
    return load_questions().answers[key]


def numbers(steps: list[int]) -> str:
    """Step numbers as said: "2 to 7" for a run, "2, 4 and 5" otherwise."""
    if len(steps) > 2 and steps == list(range(steps[0], steps[-1] + 1)):
        return LINES("range", first=steps[0], last=steps[-1])
    return join(str(n) for n in steps)
