"""Answering: what a question asks for (shape), per-plan blocks (blocks), passages where no
fact covers it (passages), honest "not stated" and abstentions (honesty), composition
(compose), the /targets, /lead, /compare commands (commands). Pure functions over a
KnowledgeView.
"""

from bot.answering.commands import answer_compare, answer_lead, answer_targets
from bot.answering.compose import answer_question
from bot.answering.honesty import abstain_text, covered_provinces

__all__ = [
    "abstain_text",
    "answer_compare",
    "answer_lead",
    "answer_question",
    "answer_targets",
    "covered_provinces",
]
