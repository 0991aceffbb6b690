"""Safe YAML loading that remembers line numbers and refuses duplicate keys.

Every mapping comes back as a :class:`LineDict`: a plain ``dict`` that also
knows the line it starts on and the line of each key, so validation errors can
point at ``file:line``. Loading uses ``yaml.SafeLoader`` (the C one when
available): no Python objects are ever built from data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CoderError, ErrorCollection, SourceLocation

try:  # the libyaml scanner is several times faster on big dictionaries
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader


class LineDict(dict):
    """A dict with the 1-based line where it starts, and the line of each key."""

    __slots__ = ("line", "key_lines")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.key_lines: dict[str, int] = {}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in out:
            loader.duplicates.append((str(key), line))
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[str(key)] = line
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _keep_dates_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay strings: pydantic parses them, and codes like "010" stay as typed.
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _keep_dates_as_text)


def _int_or_code(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    # CAMEO codes are zero-padded: YAML 1.1 would read an unquoted 040 as octal 32.
    raw = loader.construct_scalar(node)
    if len(raw) > 1 and raw.startswith("0") and raw.isdigit():
        return raw
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int_or_code)


def _strict_bool(loader: _Loader, node: yaml.ScalarNode) -> bool | str:
    # YAML 1.1 reads on/off/yes/no (and Norway's NO) as booleans; only true/false are.
    raw = loader.construct_scalar(node)
    low = raw.lower()
    return low == "true" if low in ("true", "false") else raw


_Loader.add_constructor("tag:yaml.org,2002:bool", _strict_bool)


# A YAML alias bomb (a few hundred bytes of nested aliases) expands to gigabytes once
# anything walks it. The expanded size is measured on the node graph before anything is
# built from it. The number of aliases alone is no measure: PyYAML's dumper writes one for
# every repeated object, and the imported PETRARCH verbs hold 9,492 of them (expanding the
# file by 1.5x), so only aliases that expand past the budget are refused.
MAX_EXPANSION = 100  # expanded nodes per node written in the file
MIN_BUDGET = 10_000  # expanded nodes always allowed, however small the file


class AliasBudgetError(Exception):
    """(message, line)"""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_aliases(root: yaml.Node, path: Path) -> None:
    """Refuse a document whose aliases expand too far (or loop). The structure itself is
    never printed."""
    size: dict[int, int] = {}
    visiting: set[int] = set()
    refs: dict[int, int] = {}
    nodes: dict[int, yaml.Node] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            visiting.discard(key)
            continue
        if key in size or key in visiting:
            continue
        visiting.add(key)
        nodes[key] = node
        stack.append((node, True))
        for child in _children(node):
            ck = id(child)
            refs[ck] = refs.get(ck, 0) + 1
            if ck in visiting:
                raise AliasBudgetError("an alias refers to the node that contains it (a loop)",
                                       child.start_mark.line + 1)
            if ck not in size:
                stack.append((child, False))
    aliases = sum(n - 1 for n in refs.values() if n > 1)
    expanded, distinct = size[id(root)], len(size)
    if expanded > max(MIN_BUDGET, MAX_EXPANSION * distinct):
        shared = [k for k, n in refs.items() if n > 1]
        worst = max(shared, key=lambda k: size[k] * refs[k]) if shared else id(root)
        raise AliasBudgetError(
            f"{aliases:,} alias uses expand {distinct:,} YAML nodes to {expanded:,}; the "
            f"budget is {MAX_EXPANSION}x the nodes written. Refused without loading; the "
            "anchor that expands most is defined here",
            nodes[worst].start_mark.line + 1)


def load_yaml(path: str | Path, text: str | None = None) -> Any:
    """Load one YAML file. Raises ErrorCollection with every located problem."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ErrorCollection(
                [CoderError(str(exc), location=SourceLocation(str(path)), code="E106")]
            ) from exc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node, path)
        data = loader.construct_document(node) if node is not None else None
    except AliasBudgetError as exc:
        raise ErrorCollection([CoderError(str(exc.args[0]), location=SourceLocation(
            str(path), exc.args[1]), code="E110")]) from None
    except RecursionError:
        raise ErrorCollection([CoderError("nested too deeply to load",
                                          location=SourceLocation(str(path)), code="E101")]
                              ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ErrorCollection(
            [CoderError(str(problem), location=SourceLocation(str(path), line), code="E101")]
        ) from exc
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ErrorCollection(
            [
                CoderError(
                    f"key {key!r} appears twice; the second would silently win",
                    location=SourceLocation(str(path), line),
                    code="E103",
                )
                for key, line in loader.duplicates
            ]
        )
    return data
