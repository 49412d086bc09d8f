"""Read YAML while remembering where every key and value came from.

PyYAML's constructors forget positions and silently keep the last of two
duplicate keys.  Rules errors must point at ``path:line:col``, so this module
composes the node tree itself and returns plain Python data plus a map from
each value's path (``("criteria", 0, "when")``) to its 1-based line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]

# libyaml's parser, where PyYAML was built with it, composes the same nodes
# with the same marks several times faster; the pure-Python one words syntax
# errors better, so a file that does not parse is read again with it.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a rules file, printable as ``path:line:col: message``."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


@dataclass
class Document:
    """A parsed YAML file: its data and where each part of it is."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or the key) at *path*, falling back
        to the nearest enclosing value that has a position."""
        table = self.keys if key and path in self.keys else self.values
        while path not in table and path:
            path = path[:-1]
            table = self.values
        return table.get(path, (1, 1))

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        line, column = self.where(path, key)
        return Problem(self.file, line, column, message)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, document: Document, loader: yaml.SafeLoader) -> None:
        self.document = document
        self.loader = loader
        self.problems: list[Problem] = []

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.values[path] = _position(node)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                    line, column = _position(key_node)
                    self.problems.append(Problem(self.document.file, line, column,
                                                 f"a key must be a plain word, not {key!r}"))
                    continue
                if key in result:
                    line, column = _position(key_node)
                    first_line, _ = self.document.keys[path + (key,)]
                    self.problems.append(Problem(self.document.file, line, column,
                                                 f"duplicate key '{key}' (first given on line {first_line})"))
                    continue
                self.document.keys[path + (key,)] = _position(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def load(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse *path*; return the document (None if unreadable) and problems."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(name, 1, 1, f"cannot read the file: {error}")]
    try:
        return _load(text, name, _FAST_LOADER)
    except yaml.MarkedYAMLError:
        pass
    try:
        return _load(text, name, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or error.context or "invalid YAML"
        return None, [Problem(name, line, column, f"YAML syntax error: {detail}")]


def _load(text: str, name: str, loader_class: type) -> tuple[Document | None, list[Problem]]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(name, 1, 1, "the file is empty")]
        document = Document(name, None)
        builder = _Builder(document, loader)
        document.data = builder.build(node, ())
        return document, builder.problems
    finally:
        loader.dispose()
