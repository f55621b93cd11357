"""Synthetic corpus generator: labelled French supporting documents in dossiers, deterministic from a seed."""

from __future__ import annotations

from pathlib import Path

from .inbox import PRESETS, write_inbox


def generate(preset: str, out: Path | str, seed: int, n_dossiers: int | None = None, *,
             truth: Path | str | None = None, workers: int | None = None, dpi_scale: float = 1.0) -> Path:
    """Write the `preset` inbox (demo | corpus | bench) into `out`; returns the truth.json path."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
    return write_inbox(preset, Path(out), seed, n_dossiers, Path(truth) if truth else None, workers, dpi_scale)


__all__ = ["generate"]
