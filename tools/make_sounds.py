#!/usr/bin/env python3
"""Generate Nightstretch's notification sounds into ``assets/sounds/``.

Why generate rather than ship recorded samples?  Synthesising the sounds from
a few lines of arithmetic keeps them reproducible (rerunning this script gives
byte-identical WAV files: no randomness, no timestamps) and license-clean (no
third-party audio, so there is nothing to attribute or relicense).

The app is used at night, often next to a sleeping partner, so every sound is
deliberately soft: slow-ish attacks, exponential decays, quiet harmonics, a
peak level well below full scale, and short fades at both ends so there are no
clicks.

Files written (16-bit PCM, mono, 44100 Hz):

* ``step.wav``   - start of a stretch step: soft two-note bell chime, ~0.5 s.
* ``switch.wav`` - switch sides: single soft mid tone, ~0.35 s.
* ``tick.wav``   - 3-2-1 countdown: very short quiet wooden "tock", ~80 ms.
* ``finish.wav`` - routine finished: three rising soft notes, ~1.2 s.

Usage: ``python3 tools/make_sounds.py`` (standard library only).
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44100
SAMPLE_WIDTH = 2  # bytes -> 16-bit PCM
MAX_INT16 = 32767

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "assets" / "sounds"

# (frequency ratio, relative amplitude, decay multiplier) - higher partials
# are quiet and die away faster, which reads as a soft bell rather than a beep.
BELL_PARTIALS: tuple[tuple[float, float, float], ...] = (
    (1.0, 1.0, 1.0),
    (2.0, 0.18, 1.8),
    (3.0, 0.06, 2.6),
    (4.2, 0.025, 3.5),  # slightly inharmonic: a hint of bell shimmer
)
SOFT_PARTIALS: tuple[tuple[float, float, float], ...] = (
    (1.0, 1.0, 1.0),
    (2.0, 0.10, 1.6),
    (3.0, 0.03, 2.2),
)
WOOD_PARTIALS: tuple[tuple[float, float, float], ...] = (
    (1.0, 1.0, 1.0),
    (0.5, 0.35, 0.6),  # low body of the "tock"
    (2.7, 0.08, 2.0),
)


@dataclass(frozen=True)
class Note:
    """One struck note placed on the timeline."""

    freq: float  # fundamental, Hz
    start: float  # seconds from the beginning of the file
    attack: float  # linear-ish (raised-cosine) attack time, seconds
    tau: float  # exponential decay time constant of the fundamental, seconds
    partials: tuple[tuple[float, float, float], ...]
    gain: float = 1.0


def db_to_linear(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def render(
    notes: list[Note],
    duration: float,
    peak_dbfs: float,
    fade_in: float = 0.004,
    fade_out: float = 0.03,
) -> array[int]:
    """Mix ``notes`` into a buffer, normalise to ``peak_dbfs`` and fade the ends."""
    n_samples = round(duration * SAMPLE_RATE)
    buf = [0.0] * n_samples

    for note in notes:
        first = round(note.start * SAMPLE_RATE)
        attack_n = max(1, round(note.attack * SAMPLE_RATE))
        for i in range(first, n_samples):
            t = (i - first) / SAMPLE_RATE
            if i - first < attack_n:
                # raised-cosine attack: starts from exactly zero, no click
                env_attack = 0.5 - 0.5 * math.cos(math.pi * (i - first) / attack_n)
            else:
                env_attack = 1.0
            value = 0.0
            for ratio, amp, decay_mul in note.partials:
                freq = note.freq * ratio
                if freq >= SAMPLE_RATE / 2:
                    continue
                env = math.exp(-t * decay_mul / note.tau)
                value += amp * env * math.sin(2.0 * math.pi * freq * t)
            buf[i] += note.gain * env_attack * value

    # Fades over the whole file so both ends sit exactly on zero.
    fade_in_n = max(1, round(fade_in * SAMPLE_RATE))
    fade_out_n = max(1, round(fade_out * SAMPLE_RATE))
    for i in range(min(fade_in_n, n_samples)):
        buf[i] *= 0.5 - 0.5 * math.cos(math.pi * i / fade_in_n)
    for k in range(min(fade_out_n, n_samples)):
        i = n_samples - 1 - k  # k = 0 is the very last sample -> gain 0
        buf[i] *= 0.5 - 0.5 * math.cos(math.pi * k / fade_out_n)

    peak = max(abs(x) for x in buf) or 1.0
    scale = db_to_linear(peak_dbfs) * MAX_INT16 / peak
    samples = array("h", (max(-MAX_INT16, min(MAX_INT16, round(x * scale))) for x in buf))
    return samples


def write_wav(path: Path, samples: array[int]) -> None:
    if sys.byteorder != "little":  # WAV PCM is little-endian
        samples = array("h", samples)
        samples.byteswap()
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(samples.tobytes())


def make_step() -> array[int]:
    """Soft two-note chime, 660 Hz then 880 Hz, ~0.5 s, peak -12 dBFS."""
    notes = [
        Note(660.0, 0.00, attack=0.015, tau=0.16, partials=BELL_PARTIALS),
        Note(880.0, 0.17, attack=0.015, tau=0.14, partials=BELL_PARTIALS, gain=0.9),
    ]
    return render(notes, duration=0.50, peak_dbfs=-12.0, fade_out=0.04)


def make_switch() -> array[int]:
    """Single soft mid tone (C5, 523.25 Hz), ~0.35 s, peak -12 dBFS."""
    notes = [Note(523.25, 0.0, attack=0.02, tau=0.11, partials=SOFT_PARTIALS)]
    return render(notes, duration=0.35, peak_dbfs=-12.0, fade_out=0.04)


def make_tick() -> array[int]:
    """Very short soft wooden tock, ~80 ms, peak -18 dBFS."""
    notes = [Note(1000.0, 0.0, attack=0.003, tau=0.014, partials=WOOD_PARTIALS)]
    return render(notes, duration=0.08, peak_dbfs=-18.0, fade_in=0.002, fade_out=0.015)


def make_finish() -> array[int]:
    """Three rising soft notes (C5, E5, G5), ~1.2 s, peak -12 dBFS."""
    notes = [
        Note(523.25, 0.00, attack=0.02, tau=0.22, partials=BELL_PARTIALS),
        Note(659.25, 0.25, attack=0.02, tau=0.22, partials=BELL_PARTIALS, gain=0.95),
        Note(783.99, 0.50, attack=0.02, tau=0.20, partials=BELL_PARTIALS, gain=0.9),
    ]
    return render(notes, duration=1.20, peak_dbfs=-12.0, fade_out=0.12)


SOUNDS = {
    "step.wav": make_step,
    "switch.wav": make_switch,
    "tick.wav": make_tick,
    "finish.wav": make_finish,
}


def main() -> int:
    for name, factory in SOUNDS.items():
        samples = factory()
        path = OUT_DIR / name
        write_wav(path, samples)
        peak = max(abs(s) for s in samples)
        peak_db = 20.0 * math.log10(peak / MAX_INT16) if peak else float("-inf")
        print(
            f"{path.relative_to(REPO_ROOT)}: {len(samples) / SAMPLE_RATE:.3f} s, "
            f"peak {peak_db:.1f} dBFS, first/last sample {samples[0]}/{samples[-1]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
