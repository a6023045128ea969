"""Reading a ledger: bytes and encodings (``source``), nodes with guards and the one node
walker (``nodes``), and places, the line:col of a node (``place``)."""

from .nodes import (
    COMPLEX_KEY,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    AliasBomb,
    DataPath,
    Guarded,
    TooDeep,
    compose,
    construct,
    entry,
    explosion,
    load,
    mappings,
    node_at,
    safe_yaml,
    too_deep,
    walk,
)
from .place import index_position, locate, locate_value, position, reaches, split_lines
from .source import MAX_BYTES, decode, read_bytes, split_bom

__all__ = [
    "COMPLEX_KEY",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "AliasBomb",
    "DataPath",
    "Guarded",
    "TooDeep",
    "compose",
    "construct",
    "decode",
    "entry",
    "explosion",
    "index_position",
    "load",
    "locate",
    "locate_value",
    "mappings",
    "node_at",
    "position",
    "reaches",
    "read_bytes",
    "safe_yaml",
    "split_bom",
    "split_lines",
    "too_deep",
    "walk",
]
