"""Small routines built in code, so player tests do not depend on the shipped content."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from nightstretch.core.routine import Cues, Kind, Position, Routine, Side, Step

REPO = Path(__file__).resolve().parent.parent
PICTURE = REPO / "assets" / "illustrations" / "breathe.svg"


def step(
    step_id: str,
    duration: int = 10,
    *,
    sides: tuple[Side, ...] = (),
    repeats: int = 1,
    rest_after: int = 0,
    cues: Cues | None = None,
    title: str | None = None,
    caution: str | None = None,
) -> Step:
    return Step(
        id=step_id,
        title=title or step_id.replace("-", " ").capitalize(),
        instructions=f"Instructions for {step_id}.",
        duration_s=duration,
        position=Position.STANDING,
        illustration="illustrations/breathe.svg",
        picture=PICTURE,
        sides=sides,
        repeats=repeats,
        rest_after_s=rest_after,
        caution=caution,
        cues=cues or Cues(),
    )


def routine(*steps: Step, get_ready: int = 5, switch: int = 5) -> Routine:
    return Routine(
        id="test-routine",
        title="Test routine",
        summary="A routine for tests.",
        kind=Kind.EVENING,
        sources=("seed.txt",),
        steps=steps,
        get_ready_s=get_ready,
        switch_s=switch,
        origin="test",
    )


BOTH = (Side.LEFT, Side.RIGHT)


def quiet_home(home: Path) -> Path:
    """A --home folder past the welcome pages with reminders on but none due for hours.

    With the defaults, a start in the evening shows the stretch card at once (and loads
    the card's modules), so what a start loads would depend on the time of day.
    """
    now = datetime.now()
    quiet = {
        "onboarding_done": True,
        "bedtime": (now + timedelta(hours=8)).strftime("%H:%M"),
        "checkin_time": (now + timedelta(hours=12)).strftime("%H:%M"),
        "water_enabled": False,
    }
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps(quiet))
    return home


def run_probe(code: str, *args: str, **env: str) -> dict[str, Any]:
    """Runs ``code`` in a fresh Python with this checkout on the path (and ``env`` added);
    returns the JSON object it printed last. A fresh process: what it loads is all its own."""
    environ = {**os.environ, "NIGHTSTRETCH_NO_ERROR_DIALOG": "1", **env}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen
