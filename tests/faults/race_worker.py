"""Run in a subprocess by test_write_race: a save by "an editor" lands at each step of a write.

``python race_worker.py LEDGER TRIALS exchange|rename`` prints one JSON line: how many trials ran, how many
writes were refused, how many saves were lost, and the steps that were raced.

Each trial restores the ledger, then makes one change. Exactly once during the write, just
before one of its steps runs (the temporary file's creation, its fsync, its fchmod, each look
at the ledger, the final switch), an editor saves the ledger: either atomically (a new file
renamed over it, as most editors do) or in place (rewritten in the same inode, at the same
size, so only the bytes differ). A save is lost if the ledger afterwards does not hold it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from gongkai import safewrite
from gongkai.errors import ChangeRefused

HOOKED = ("open", "fsync", "fchmod", "stat", "replace")


def main(path: Path, trials: int, switch: str) -> dict[str, Any]:
    original = path.read_bytes()
    new = original + b"# gongkai's change\n"
    real = {name: getattr(os, name) for name in ("open", "fsync", "fchmod", "stat", "replace")}
    real_exchange = safewrite.exchange if switch == "exchange" else (lambda a, b: False)
    state: dict[str, Any] = {"step": "", "nth": 0, "calls": 0, "saved": None, "inside": False}

    def editor_save(n: int) -> bytes:
        state["inside"] = True
        try:
            if n % 2:  # atomic save: another inode renamed over the ledger
                saved = original.replace(b"\n", b"\n", 1) + f"# editor {n}\n".encode()
                side = path.with_name("editor-save.tmp")
                side.write_bytes(saved)
                real["replace"](side, path)
            else:  # in-place save of the same size: only the bytes tell
                saved = bytes(original[:-4]) + f"{n % 10000:04d}".encode()[-4:]
                if saved == original:
                    saved = bytes(original[:-1]) + b"!"
                with open(path, "r+b") as fh:
                    fh.write(saved)
                    fh.truncate()
            return saved
        finally:
            state["inside"] = False

    def hooked(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if state["step"] == name and not state["inside"] and state["saved"] is None:
                state["calls"] += 1
                if state["calls"] == state["nth"]:
                    state["saved"] = editor_save(state["trial"])
            if name == "exchange":
                return real_exchange(*args, **kwargs)
            return real[name](*args, **kwargs)

        return call

    for name in real:
        setattr(os, name, hooked(name))
    safewrite.exchange = hooked("exchange")  # type: ignore[assignment]
    # Durability is not what is tested here; a real fsync would only make each trial slower.
    real["fsync"] = lambda fd: None

    safewrite.exchange = real_exchange  # type: ignore[assignment]
    # Without an atomic exchange, the moment between the last check and the rename is the one
    # no check can follow (the switch: the exchange that returns False, then the rename).
    steps = _calls_per_write(path, new)
    safewrite.exchange = hooked("exchange")  # type: ignore[assignment]
    races = [(step, nth) for step, count in steps.items() if switch == "exchange" or step not in ("exchange", "replace") for nth in range(1, count + 1)]
    refused = lost = 0
    raced: dict[str, int] = {}
    lost_at: dict[str, int] = {}
    for trial in range(trials):
        step, nth = races[trial % len(races)]
        state.update(step="", nth=nth, calls=0, saved=None, trial=trial)
        path.write_bytes(original)
        try:
            with safewrite.locked(path) as snap:
                state["step"] = step  # armed only while the change is written
                safewrite.replace(snap, new)
        except ChangeRefused:
            refused += 1
        finally:
            state["step"] = ""
        saved = state["saved"]
        assert saved is not None, f"no save landed at {step} #{nth}"
        raced[step] = raced.get(step, 0) + 1
        if path.read_bytes() != saved:
            lost += 1
            lost_at[f"{step}#{nth}"] = lost_at.get(f"{step}#{nth}", 0) + 1
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name.endswith(safewrite.TEMP_SUFFIX))
    return {"trials": trials, "races": [f"{s}#{n}" for s, n in races], "refused": refused, "lost": lost, "steps": raced, "lost_at": lost_at, "leftovers": leftovers}


def _calls_per_write(path: Path, new: bytes) -> dict[str, int]:
    """How often each hooked step runs during one write: each of those calls is raced in turn."""
    counts = dict.fromkeys((*HOOKED, "exchange"), 0)
    saved = {name: getattr(os, name) for name in HOOKED}
    saved_exchange = safewrite.exchange
    original = path.read_bytes()

    def counting(name: str, fn: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return fn(*args, **kwargs)

        return call

    with safewrite.locked(path) as snap:
        for name in HOOKED:
            setattr(os, name, counting(name, saved[name]))
        safewrite.exchange = counting("exchange", saved_exchange)  # type: ignore[assignment]
        try:
            safewrite.replace(snap, new)
        finally:
            for name in HOOKED:
                setattr(os, name, saved[name])
            safewrite.exchange = saved_exchange  # type: ignore[assignment]
    path.write_bytes(original)
    return {name: n for name, n in counts.items() if n}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3])))
