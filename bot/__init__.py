"""medguide.bot: the runtime. Layers, each importing only those below it (checked by import-linter):
command line (cli) and developer tools (devtools), then faces, then guide, then words."""
