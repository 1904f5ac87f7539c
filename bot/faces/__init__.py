"""The faces of the guide: the plain chat, the rules batch, the Textual app. Each stands alone."""
