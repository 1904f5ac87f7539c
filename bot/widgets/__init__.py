"""The app's widgets, one a file."""

from .answer_input import AnswerInput
from .choice_set import ChoiceSet
from .key_hints import KeyHints
from .language_list import LanguageList
from .plain import Plain, safe
from .progress import StepProgress
from .question_card import QuestionCard, QuestionView
from .result_card import ResultCard, ResultView
from .safe_input import SafeInput
from .side_panel import PanelView, Section, SidePanel

__all__ = [
    "AnswerInput", "ChoiceSet", "KeyHints", "LanguageList", "PanelView", "Plain", "QuestionCard", "QuestionView",
    "ResultCard", "ResultView", "SafeInput", "Section", "SidePanel", "StepProgress", "safe",
]
