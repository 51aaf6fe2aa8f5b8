"""Answering: what a question asks for (shape), per-plan blocks (blocks), passages where no
fact covers it (passages), honest "not stated" and abstentions (honesty), composition
(compose). Pure functions over a KnowledgeView.
"""

from bot.answering.compose import answer_compare, answer_lead, answer_question, answer_targets
from bot.answering.honesty import abstain_text, covered_provinces

__all__ = [
    "abstain_text",
    "answer_compare",
    "answer_lead",
    "answer_question",
    "answer_targets",
    "covered_provinces",
]
