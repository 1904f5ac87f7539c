"""The Textual app, with its screens, widgets, settings, desk store and idle timer."""
