"""pydantic-core's compiled module, which holds all that validating a ledger needs.

The validator is built from the kept core schema (``loader``): ``SchemaValidator``,
``SchemaError``, ``ValidationError`` and ``PydanticCustomError`` are all defined by the
compiled module ``pydantic_core._pydantic_core``. Importing it the usual way first runs the
package's Python part, which defines the schema's typed dictionaries and imports
``typing_extensions`` and ``inspect``: about 20 ms of every validating run, half an edit's
start-up, for names a validation never reads.

``core()`` loads the compiled module by itself, found the way the import system would find it,
and registers it under its own name (under the import lock, as the import system does). The
package, imported later (by pydantic, when a schema is generated), finds it there and re-exports
the same classes; ``core()`` then makes it the package's attribute too, as an import would have
(code elsewhere that imports the package after gongkai's first validation finds the module with
``from pydantic_core import _pydantic_core`` or ``import pydantic_core._pydantic_core as name``,
but not as the package's attribute until ``core()`` is called again). When the module is not
found so, or does not load so (another layout, a frozen build), the package is imported as usual.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a run
if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType

_NAME = "pydantic_core._pydantic_core"


def core() -> ModuleType:
    """``pydantic_core._pydantic_core``, loaded once, without the package's Python part if it can be."""
    found = sys.modules.get(_NAME)
    if found is None:
        import _imp

        _imp.acquire_lock()
        try:
            found = sys.modules.get(_NAME) or _load_alone()
        finally:
            _imp.release_lock()
    if found is None:
        import pydantic_core._pydantic_core as imported

        found = imported
    package = sys.modules.get("pydantic_core")
    if package is not None and getattr(package, "_pydantic_core", None) is not found:
        setattr(package, "_pydantic_core", found)  # noqa: B010  (a module's attribute mypy does not know)
    return found


def _load_alone() -> ModuleType | None:
    """The compiled module loaded by itself, or None when the import system would not find it as
    a file, or it does not load so."""
    from importlib.machinery import ExtensionFileLoader
    from importlib.util import module_from_spec

    package = _find("pydantic_core", None)
    if package is None or not package.submodule_search_locations:
        return None
    spec = _find(_NAME, list(package.submodule_search_locations))
    if spec is None or not isinstance(spec.loader, ExtensionFileLoader):
        return None
    try:
        module = module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:
        return None
    sys.modules[_NAME] = module
    return module


def _find(name: str, path: list[str] | None) -> ModuleSpec | None:
    """The spec the import system finds for ``name``: asked of each finder in turn, as it does."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec(name, path) if find_spec is not None else None
        if spec is not None:
            return spec  # type: ignore[no-any-return]
    return None
