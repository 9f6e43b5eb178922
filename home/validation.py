"""The text rules, as feature apps imported them from here before they moved.

They live in `coproduction.common.validation`, below members, so members can use them
too; new code imports them from there. This module goes once no app imports it.
"""

from coproduction.common.validation import MULTI_LINE_MAX_LENGTH, TextRulesMixin

__all__ = ["MULTI_LINE_MAX_LENGTH", "TextRulesMixin"]
