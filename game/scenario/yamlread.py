"""Read YAML safely: size caps, alias-bomb and depth limits, standard tags only, line marks per key path.

Only the SafeLoader family is used (``yaml.parse``/``yaml.compose`` with ``CSafeLoader`` when libyaml
is present); nothing is ever constructed from a tag. A first pass over the event stream bounds the
nesting depth and the size after alias expansion, so a "billion laughs" file is rejected before any
node graph is walked. Example::

    doc = parse_yaml(b"a: [1, 2]\\n", "x.yaml")
    doc.data == {"a": [1, 2]}; doc.marks[("a", 1)] == (1, 8)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from game.safefile import FileReadError, read_regular
from game.scenario.errors import KeyPath, Mark, Problem, Reporter, ScenarioError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 250_000  # values in the file, and after alias expansion (the Shusha scenario has ~5,600)
MAX_ITEMS = 5_000  # items in one list / keys in one mapping: the schema's longest list allows 5,000
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "value")}
MAP_TAG, SEQ_TAG, MERGE_TAG = _T + "map", _T + "seq", _T + "merge"
_CTOR = SafeConstructor()


@dataclass
class YamlDoc:
    """Plain data (dicts, lists, scalars) and 1-based (line, col) marks by key path."""

    file: str
    data: Any
    sha256: str = ""
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)

    def reporter(self) -> Reporter:
        """A Reporter that places problems on this document's marks."""
        return Reporter(self.file, self.marks, self.key_marks)


def read_yaml(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES,
              max_nodes: int = MAX_NODES) -> YamlDoc:
    """Read and parse a YAML file; raises ScenarioError (``file: cannot read: ...``, ``file: not a regular
    file (it is a named pipe)`` etc.)."""
    name = str(path)
    try:
        raw = read_regular(path, max_bytes=max_bytes)
    except FileReadError as e:
        raise _error(name, 0, 0, None, str(e)) from None
    doc = parse_yaml(raw, name, max_nodes=max_nodes)
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    return doc


def parse_yaml(raw: bytes | str, file: str = "<string>", *, max_nodes: int = MAX_NODES) -> YamlDoc:
    """Parse YAML text into a YamlDoc; raises ScenarioError with positioned problems."""
    text = _decode(raw, file)
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise _error(file, 1, 1, None, "the file is empty; expected a YAML mapping")
    try:
        _prescan(text, file, max_nodes)
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(file, line, col, None, f"not valid YAML: {what}") from None
    except yaml.reader.ReaderError as e:
        line, col = _line_col(text, e.position)
        raise _error(file, line, col, None, f"not valid YAML: character {e.character!r} is not allowed") from None
    except yaml.YAMLError as e:
        raise _error(file, 1, 1, None, f"not valid YAML: {e}") from None
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _T + "null" and not root.value):
        raise _error(file, 1, 1, None, "the file is empty; expected a YAML mapping")
    walker = _Walker(file)
    data = walker.value(root, ())
    walker.rep.raise_if_any()
    return YamlDoc(file, data, hashlib.sha256(text.encode()).hexdigest(), walker.marks, walker.key_marks)


def _error(file: str, line: int, col: int, path: KeyPath | None, msg: str) -> ScenarioError:
    return ScenarioError([Problem(file, line, col, path, msg)])


def _decode(raw: bytes | str, file: str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _line_col(raw[: e.start].decode("utf-8", "replace"), e.start)
        raise _error(file, line, col, None,
                     f"not a UTF-8 text file (byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    bad = text.find("\x00")
    if bad >= 0:
        line, col = _line_col(text, bad)
        raise _error(file, line, col, None, "not a text file (contains NUL bytes)")
    return text


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _prescan(text: str, file: str, max_nodes: int, max_items: int = MAX_ITEMS) -> None:
    """Bound nesting depth, list lengths and the node count (also after alias expansion) from the event
    stream, so an oversized document is refused before any node graph is composed."""
    scan = _Prescan(file, max_nodes, max_items)
    for ev in yaml.parse(text, Loader=Loader):
        scan.event(ev)


@dataclass
class _Frame:
    """An open collection during the prescan: its size after alias expansion and its direct children."""

    start: Any  # yaml Mark of the collection's first character
    anchor: str | None
    is_map: bool
    size: int = 1
    items: int = 0
    key: str | int = 0  # the entry being read: mapping key or list index (for the field path)


class _Prescan:
    """Checks one YAML event at a time; raises ScenarioError at the first limit crossed."""

    def __init__(self, file: str, max_nodes: int, max_items: int) -> None:
        self.file, self.max_nodes, self.max_items = file, max_nodes, max_items
        self.stack: list[_Frame] = []
        self.sizes: dict[str, int] = {}
        self.open_anchors: set[str] = set()
        self.raw = 0  # nodes written in the file (aliases count once)

    def event(self, ev: yaml.Event) -> None:
        """Account for one parser event."""
        if isinstance(ev, yaml.CollectionEndEvent):
            self._close()
            return
        if not isinstance(ev, yaml.NodeEvent):
            return
        self._child(ev)
        if isinstance(ev, yaml.CollectionStartEvent):
            self._open(ev)
            return
        n = 1
        if isinstance(ev, yaml.AliasEvent):
            if ev.anchor in self.open_anchors:
                self._fail(ev.start_mark, None, f"recursive alias *{ev.anchor} refers to a node that contains it")
            n = self.sizes.get(ev.anchor, 1)
        elif ev.anchor:
            self.sizes[ev.anchor] = 1
        self._grow(ev, n)

    def _child(self, ev: yaml.NodeEvent) -> None:
        """Count a direct child of the innermost open collection; refuse a list or mapping too long."""
        self.raw += 1
        if self.raw > self.max_nodes:
            self._fail(ev.start_mark, None, f"the file holds more than {self.max_nodes:,} values; a scenario "
                                            "needs far fewer (is it the right file?)")
        if not self.stack:
            return
        top = self.stack[-1]
        top.items += 1
        if top.is_map and top.items % 2:
            top.key = ev.value if isinstance(ev, yaml.ScalarEvent) else "?"
        elif not top.is_map:
            top.key = top.items - 1
        limit = self.max_items * (2 if top.is_map else 1)
        if top.items > limit:
            what = "a mapping of more than {:,} keys" if top.is_map else "a list of more than {:,} items"
            path = tuple(f.key for f in self.stack[:-1])
            self._fail(top.start, path, f"{what.format(self.max_items)}; "
                                        f"no list or mapping in a scenario may be longer")

    def _open(self, ev: yaml.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._fail(ev.start_mark, None, f"nested deeper than {MAX_DEPTH} levels")
        self.stack.append(_Frame(ev.start_mark, ev.anchor, isinstance(ev, yaml.MappingStartEvent)))
        if ev.anchor:
            self.open_anchors.add(ev.anchor)

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.sizes[frame.anchor] = frame.size
            self.open_anchors.discard(frame.anchor)
        self._grow(None, frame.size)

    def _grow(self, ev: yaml.Event | None, n: int) -> None:
        """Add ``n`` expanded values to the innermost open collection; refuse an alias bomb."""
        if self.stack:
            self.stack[-1].size += n
        if n > self.max_nodes or (self.stack and self.stack[-1].size > self.max_nodes):
            mark = ev.start_mark if ev is not None else self.stack[-1].start
            self._fail(mark, None, f"too many values after expanding aliases (more than {self.max_nodes:,}); "
                                   "aliases must not multiply the document (\"billion laughs\")")

    def _fail(self, mark: Any, path: KeyPath | None, msg: str) -> None:
        raise _error(self.file, mark.line + 1, mark.column + 1, path, msg)


class _Walker:
    """Turn a composed node graph into plain data, recording marks and rejecting non-standard tags."""

    def __init__(self, file: str) -> None:
        self.rep = Reporter(file)
        self.marks: dict[KeyPath, Mark] = {}
        self.key_marks: dict[KeyPath, Mark] = {}

    def value(self, node: yaml.Node, path: KeyPath) -> Any:
        m = node.start_mark
        self.marks[path] = (m.line + 1, m.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != MAP_TAG:
                return self._bad_tag(node, path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ_TAG:
                return self._bad_tag(node, path)
            return [self.value(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: KeyPath) -> None:
        m = node.start_mark
        tag = node.tag.replace(_T, "!!")
        self.rep.add_at(m.line + 1, m.column + 1, path,
                        f"tag {tag} is not allowed; use plain YAML values (text, numbers, lists, mappings)")
        return None

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag not in SCALAR_TAGS:
            return self._bad_tag(node, path)
        if node.tag in (_T + "str", _T + "value"):
            return node.value
        try:
            v = _CTOR.yaml_constructors[node.tag](_CTOR, node)
        except (ValueError, TypeError, yaml.YAMLError):
            kind = node.tag.removeprefix(_T)
            self._add(node, path, f"cannot read {node.value!r} as {kind}")
            return None
        if isinstance(v, dt.datetime) and v.tzinfo is not None:
            self._add(node, path, f"time {node.value!r} has a time zone; give local times without one "
                                  "(the scenario's time.utc_offset says how local time relates to UTC)")
            return None
        return v

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merges: list[yaml.Node] = []
        for knode, vnode in node.value:
            if knode.tag == MERGE_TAG:
                merges.append(vnode)
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self._add(knode, path, "mapping keys must be plain text")
                continue
            key = knode.value
            kpath = (*path, key)
            if key in out:
                first = self.key_marks[kpath]
                self._add(knode, kpath, f"duplicate key {key!r} (first given at line {first[0]})")
                continue
            km = knode.start_mark
            self.key_marks[kpath] = (km.line + 1, km.column + 1)
            out[key] = self.value(vnode, kpath)
        for mnode in merges:
            sources = mnode.value if isinstance(mnode, yaml.SequenceNode) else [mnode]
            for src in sources:
                if not isinstance(src, yaml.MappingNode):
                    self._add(src, path, "a merge key (<<) needs a mapping or a list of mappings")
                    continue
                for knode, vnode in src.value:
                    key = getattr(knode, "value", None)
                    if isinstance(key, str) and key not in out:
                        km = knode.start_mark
                        self.key_marks[(*path, key)] = (km.line + 1, km.column + 1)
                        out[key] = self.value(vnode, (*path, key))
        return out

    def _add(self, node: yaml.Node, path: KeyPath, msg: str) -> None:
        m = node.start_mark
        self.rep.add_at(m.line + 1, m.column + 1, path, msg)
