"""prompt_toolkit's default key bindings, built once per process instead of once per prompt.

Every ``prompt_toolkit.Application`` builds its own copy of the default bindings in
``__init__`` (``load_key_bindings()``: basic, emacs and vi bindings, several hundred
``KeyBindings.add`` calls, and ``load_page_navigation_bindings()``). A questionary text
prompt makes one Application, a select or checkbox prompt three (two PromptSessions only to
borrow their layout, then the real one), so a whole interview rebuilt them about a hundred
times; that was the largest single cost of a prompt (about 17 ms of CPU each time).

Sharing one copy is safe because these objects hold no state of a running prompt:

- the handlers and filters read everything from the running application (``get_app()``,
  ``event.app``: its buffers, ``vi_state``, ``emacs_state``, key processor); their closures
  hold only other handlers and key strings, nothing that a key press changes;
- the ``KeyBindings``/``ConditionalKeyBindings``/``merged`` objects keep only caches derived
  from the bindings themselves (lists of bindings per key sequence), valid for any app;
- prompt_toolkit only reads ``Application._default_bindings`` and
  ``_page_navigation_bindings`` (``_CombinedRegistry`` merges them with each app's own
  bindings, wrapping the page bindings in that app's own filter); nothing adds to them.

The loaders are swapped only while the interview builds a prompt (``shared_default_bindings``
around the questionary call), so any other prompt_toolkit use in the process is untouched;
a prompt_toolkit whose ``application.application`` module has no such loader simply keeps
its own behaviour. The interview is single-threaded: prompts are built one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

LOADERS = ("load_key_bindings", "load_page_navigation_bindings")
"""The functions ``Application.__init__`` calls (as globals of its module) for its defaults."""

_built: dict[str, Any] = {}
"""One result per loader, built by prompt_toolkit's own loader the first time it is needed."""


def _once(name: str, loader: Callable[[], Any]) -> Callable[[], Any]:
    def shared() -> Any:
        if name not in _built:
            _built[name] = loader()
        return _built[name]

    return shared


@contextmanager
def shared_default_bindings() -> Iterator[None]:
    """Within the block, every new Application gets the process's one set of default bindings."""
    try:
        from prompt_toolkit.application import application as module
    except ImportError:  # pragma: no cover - prompt_toolkit moved it: keep its behaviour
        yield
        return
    originals = {name: getattr(module, name, None) for name in LOADERS}
    if not all(callable(loader) for loader in originals.values()):
        yield
        return
    for name, loader in originals.items():
        setattr(module, name, _once(name, loader))
    try:
        yield
    finally:
        for name, loader in originals.items():
            setattr(module, name, loader)
