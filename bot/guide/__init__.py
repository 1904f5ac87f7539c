"""The headless guide: the engine, reading answers, explanations, the summary. Never imports Textual."""
