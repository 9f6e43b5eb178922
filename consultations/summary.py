"""A person's answers as lines to read: "Check your answers", the receipt and the export."""

from dataclasses import dataclass

from . import services
from .kinds import kind_for


@dataclass
class SummaryRow:
    """One question in "check your answers", the receipt or the export, with its answer."""

    number: int
    question: object
    wording: str
    lines: list
    not_sent: bool = False


def answer_lines(question, answer, easy_read=False):
    """The lines that show one stored answer (none if there is no answer)."""
    if answer is None:
        return []
    return kind_for(question).summary_lines(question, answer, easy_read)


def answers_summary(page, response, easy_read=False, sent=False):
    """A SummaryRow per question: the current answers (what the person would send), or with
    `sent` the answers they last sent (what counts). Easy read wording where they chose it."""
    rows = []
    for number, question in enumerate(page.ordered_questions(), start=1):
        current = services.current_answer(response, question)
        last_sent = services.sent_answer(response, question)
        rows.append(
            SummaryRow(
                number=number,
                question=question,
                wording=question.wording(easy_read),
                lines=answer_lines(question, last_sent if sent else current, easy_read),
                not_sent=response.is_submitted and not sent and current != last_sent,
            )
        )
    return rows
