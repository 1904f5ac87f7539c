"""YAML from files people write (scripted conversations, stories), read with limits.

:func:`load_yaml` reads one file and returns its one document as plain Python
data, or raises :class:`YamlError` with a plain message (its ``str``) that says
what is wrong, for one line of output such as ``ERROR name.yaml: <message>``:

- only a regular file is read, and at most ``max_bytes`` of it: a missing path,
  a directory, a device such as /dev/zero (or a symlink to one), a pipe or a
  file over the limit is refused before or without reading it whole;
- the text must be UTF-8 (a byte order mark is allowed);
- YAML's safe tags only: ``!!python/...`` and other tags are refused, never run;
- one document, lists and mappings nested at most ``max_depth`` deep (no RecursionError);
- aliases (``&a`` / ``*a``) may repeat a part, but the document with every alias
  expanded may hold at most ``max_values`` values: the "billion laughs" files
  fail fast, in little memory, since the size is counted on the composed nodes
  before any Python object is built. An alias inside itself is refused.
  ``aliases=False`` refuses every alias;
- ``dates=False`` keeps what looks like a date as the text typed (``2020-02-30``
  stays a string for the guide to judge), as stories want.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1 << 20
"""Default size limit: 1 MiB, far above any script (the largest is a few KB)."""
MAX_VALUES = 100_000
"""Default limit on the values (scalars, lists, mappings) with aliases expanded."""
MAX_DEPTH = 100
"""Default limit on lists and mappings inside one another."""


class YamlError(ValueError):
    """A file that cannot be read as limited, safe YAML; ``str(exc)`` says why in plain words."""


class _TooDeep(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """The safe loader, composing with a depth limit (the composer is recursive)."""

    max_depth = MAX_DEPTH
    aliases = True

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.aliases and self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here",
                                              self.peek_event().start_mark)
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)  # a scalar or an alias: no deeper
        self._depth += 1
        try:
            if self._depth > self.max_depth:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # 2026-02-30 looks like a date to YAML, and is none
            raise yaml.constructor.ConstructorError(None, None, f"{node.value} is not a date ({exc})",
                                                    node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _TextDatesLoader(_Loader):
    """The same, with dates left as the text written."""

    yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers
                                       if tag != "tag:yaml.org,2002:timestamp"]
                               for first, resolvers in _Loader.yaml_implicit_resolvers.items()}


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many values the document holds with every alias expanded; YamlError past the limit.

    An alias is the same node object in two places, so sizes are memoized per
    node: the count costs one visit per distinct node however large the expansion.
    Iterative, so deep documents need no recursion.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            if isinstance(node, yaml.MappingNode):
                inner = sum(sizes[id(k)] + sizes[id(v)] for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                inner = sum(sizes[id(item)] for item in node.value)
            else:
                inner = 0
            sizes[key] = 1 + inner
            if sizes[key] > limit:
                raise YamlError(f"with its aliases expanded the document holds more than {limit:,} values "
                                f"(an alias repeated inside another?); write the values out, or fewer aliases")
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise YamlError(f"line {mark.line + 1}: an alias refers to a part that contains it, "
                            "so the document would never end")
        on_path.add(key)
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((v, False))
                stack.append((k, False))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                stack.append((item, False))
    return sizes[id(root)]


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise YamlError("no such file") from None
    except PermissionError:
        raise YamlError("cannot be read: permission denied") from None
    except OSError as exc:
        raise YamlError(f"cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise YamlError("is a directory, not a YAML file")
    if not stat.S_ISREG(info.st_mode):
        raise YamlError("is not a regular file (a device, pipe or socket); expected a YAML file")
    if info.st_size > max_bytes:
        raise YamlError(f"is {info.st_size:,} bytes, more than the {max_bytes:,} bytes a YAML file may have here")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except PermissionError:
        raise YamlError("cannot be read: permission denied") from None
    except OSError as exc:
        raise YamlError(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise YamlError(f"is more than the {max_bytes:,} bytes a YAML file may have here")
    return data


def _where(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def load_yaml(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_values: int = MAX_VALUES,
              max_depth: int = MAX_DEPTH, aliases: bool = True, dates: bool = True) -> Any:
    """The one YAML document in ``path`` as plain data (None for an empty file); YamlError if it cannot be."""
    data = _read(Path(path), max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at byte {exc.start + 1})") from None
    loader = (_Loader if dates else _TextDatesLoader)(text)
    loader.max_depth, loader.aliases = max_depth, aliases
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, max_values)
        return loader.construct_document(node)
    except YamlError:
        raise
    except _TooDeep as exc:
        mark = exc.args[0]
        raise YamlError(f"line {mark.line + 1}: nested more than {max_depth} levels deep") from None
    except yaml.constructor.ConstructorError as exc:
        if exc.problem and "constructor for the tag" in exc.problem:
            tag = exc.problem.split("tag", 1)[1].strip().strip("'")
            raise YamlError(f"{_where(exc)}the tag {tag} is not allowed (only plain YAML: text, numbers, dates, "
                            "lists and mappings)") from None
        raise YamlError(f"{_where(exc)}{exc.problem or exc}") from None
    except yaml.composer.ComposerError as exc:
        if exc.problem and "aliases (*name)" in exc.problem:
            raise YamlError(f"{_where(exc)}{exc.problem}") from None
        if exc.problem and "but found another document" in exc.problem:
            raise YamlError(f"{_where(exc)}holds more than one YAML document (---); expected one") from None
        raise YamlError(f"{_where(exc)}{exc.problem or exc}") from None
    except yaml.MarkedYAMLError as exc:
        raise YamlError(f"{_where(exc)}not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(f"not valid YAML: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value YAML's own types cannot hold, e.g. 2026-02-30
        raise YamlError(f"a value cannot be read: {exc}") from None
    except RecursionError:  # past max_depth's guard (a very large max_depth)
        raise YamlError("nested too deeply to read") from None
    finally:
        loader.dispose()
