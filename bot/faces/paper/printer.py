"""Send a PDF to the configured printer command on its standard input: no file is written.

``[print] command = "lp"`` by default; any shell command that reads a PDF on stdin works
(``lp -d front-desk``, or ``cat > /dev/null`` to try it out).
"""

from __future__ import annotations

import subprocess

TIMEOUT = 60.0


class PrintFailed(RuntimeError):
    """The printer command could not be run, or said no; the message is for staff."""


def send(pdf: bytes, command: str, timeout: float = TIMEOUT) -> None:
    """Run ``command`` with ``sh -c`` and the PDF on its stdin; :class:`PrintFailed` when it fails."""
    try:
        done = subprocess.run(["/bin/sh", "-c", command], input=pdf, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintFailed(f"{command}: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PrintFailed(f"{command}: exit {done.returncode}" + (f": {said[-1]}" if said else ""))
