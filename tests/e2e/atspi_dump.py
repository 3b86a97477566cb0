"""Prints, as JSON, the AT-SPI tree a screen reader sees of one process's windows.

Run by the system Python (/usr/bin/python3), which has pyatspi (Debian python3-pyatspi);
the test's virtual environment does not. Usage: ``atspi_dump.py PID``. Each window is a
list of nodes: role, name, description, states, text and value where the object has them,
the names of the labels it is labelled by, the roles of its ancestors, and a combo box's
selected item.
"""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Any

import pyatspi  # type: ignore[import-not-found]

MAX_DEPTH = 60


def _node(acc: Any, ancestors: list[str]) -> dict[str, Any]:
    states = acc.getState()
    node: dict[str, Any] = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "ancestors": list(ancestors),
        "labelled_by": [
            relation.getTarget(i).name or ""
            for relation in acc.getRelationSet()
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
            for i in range(relation.getNTargets())
        ],
    }
    with contextlib.suppress(NotImplementedError):
        node["text"] = acc.queryText().getText(0, -1)
    with contextlib.suppress(NotImplementedError):
        node["value"] = acc.queryValue().currentValue
    if node["role"] == "combo box":
        node["selected"] = _selected_item(acc)
    return node


def _selected_item(combo: Any) -> str:
    """A combo box's value as a screen reader finds it: the selected item of its list."""
    for index in range(combo.childCount):
        child = combo.getChildAtIndex(index)
        with contextlib.suppress(NotImplementedError):
            chosen = child.querySelection()
            if chosen.nSelectedChildren:
                return str(chosen.getSelectedChild(0).name or "")
    return ""


def _walk(acc: Any, ancestors: list[str], out: list[dict[str, Any]]) -> None:
    try:
        node = _node(acc, ancestors)
    except Exception:  # an object that went away while walking: skip it
        return
    out.append(node)
    if len(ancestors) >= MAX_DEPTH:
        return
    for index in range(acc.childCount):
        child = acc.getChildAtIndex(index)
        if child is not None:
            _walk(child, [*ancestors, node["role"]], out)


def main(pid: int) -> None:
    desktop = pyatspi.Registry.getDesktop(0)
    windows: dict[str, list[dict[str, Any]]] = {}
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is None or app.get_process_id() != pid:
            continue
        for child in range(app.childCount):
            window = app.getChildAtIndex(child)
            if window is None:
                continue
            nodes: list[dict[str, Any]] = []
            _walk(window, [], nodes)
            if nodes and nodes[0]["name"]:
                windows[nodes[0]["name"]] = nodes
    json.dump(windows, sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
