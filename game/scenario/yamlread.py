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

from game.scenario.errors import KeyPath, Mark, Problem, Reporter, ScenarioError

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 1_000_000  # values after alias expansion
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
    """Read and parse a YAML file; raises ScenarioError (``file: cannot read: ...`` etc.)."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise _error(name, 0, 0, None, f"file is too large ({size:,} bytes; the limit is {max_bytes:,})")
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as e:
        raise _error(name, 0, 0, None, f"cannot read: {e.strerror or e}") from None
    if len(raw) > max_bytes:
        raise _error(name, 0, 0, None, f"file is too large (over {max_bytes:,} bytes)")
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
    bad = next((i for i, ch in enumerate(text) if ch == "\x00"), None)
    if bad is not None:
        line, col = _line_col(text, bad)
        raise _error(file, line, col, None, "not a text file (contains NUL bytes)")
    return text


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _prescan(text: str, file: str, max_nodes: int) -> None:
    """Bound nesting depth and the node count after alias expansion, from the event stream."""
    stack: list[list[Any]] = []  # [anchor, size] of open collections
    sizes: dict[str, int] = {}
    open_anchors: set[str] = set()
    for ev in yaml.parse(text, Loader=Loader):
        if isinstance(ev, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                m = ev.start_mark
                raise _error(file, m.line + 1, m.column + 1, None, f"nested deeper than {MAX_DEPTH} levels")
            stack.append([ev.anchor, 1])
            if ev.anchor:
                open_anchors.add(ev.anchor)
            continue
        if isinstance(ev, yaml.CollectionEndEvent):
            anchor, n = stack.pop()
            if anchor:
                sizes[anchor] = n
                open_anchors.discard(anchor)
        elif isinstance(ev, yaml.ScalarEvent):
            n = 1
            if ev.anchor:
                sizes[ev.anchor] = 1
        elif isinstance(ev, yaml.AliasEvent):
            m = ev.start_mark
            if ev.anchor in open_anchors:
                raise _error(file, m.line + 1, m.column + 1, None,
                             f"recursive alias *{ev.anchor} refers to a node that contains it")
            n = sizes.get(ev.anchor, 1)
        else:
            continue
        if stack:
            stack[-1][1] += n
        if n > max_nodes or (stack and stack[-1][1] > max_nodes):
            m = ev.start_mark
            raise _error(file, m.line + 1, m.column + 1, None,
                         f"too many values after expanding aliases (more than {max_nodes:,}); "
                         "aliases must not multiply the document (\"billion laughs\")")


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
