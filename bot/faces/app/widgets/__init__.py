"""The app's widgets, one a file."""

from medguide.bot.faces.app.widgets.answer_input import AnswerInput
from medguide.bot.faces.app.widgets.choice_set import ChoiceSet
from medguide.bot.faces.app.widgets.key_hints import KeyHints
from medguide.bot.faces.app.widgets.language_list import LanguageList
from medguide.bot.faces.app.widgets.plain import Plain, safe
from medguide.bot.faces.app.widgets.progress import StepProgress
from medguide.bot.faces.app.widgets.question_card import QuestionCard, QuestionView
from medguide.bot.faces.app.widgets.result_card import ResultCard, ResultView
from medguide.bot.faces.app.widgets.safe_input import SafeInput
from medguide.bot.faces.app.widgets.side_panel import PanelView, Section, SidePanel

__all__ = [
    "AnswerInput", "ChoiceSet", "KeyHints", "LanguageList", "PanelView", "Plain", "QuestionCard", "QuestionView",
    "ResultCard", "ResultView", "SafeInput", "Section", "SidePanel", "StepProgress", "safe",
]
