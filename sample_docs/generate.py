"""Command line: write a synthetic inbox and its truth.json (presets demo, corpus, bench)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_docs.generator import generate  # noqa: E402

DEFAULT_SEEDS = {"demo": 2022, "corpus": 1, "bench": 1001}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic inbox of BTS registration dossiers with "
                                                 "its truth file (ARCHITECTURE.md format).")
    parser.add_argument("--out", type=Path, required=True, help="inbox folder to write (replaced if generated)")
    parser.add_argument("--preset", choices=sorted(DEFAULT_SEEDS), default="demo")
    parser.add_argument("--seed", type=int, default=None, help="default: 2022 demo, 1 corpus, 1001 bench")
    parser.add_argument("--dossiers", type=int, default=None, help="number of dossiers (default from the preset)")
    parser.add_argument("--truth", type=Path, default=None, help="default: <out>.truth.json beside the inbox")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: min(2, cpus))")
    parser.add_argument("--dpi-scale", type=float, default=1.0, help="scale image resolutions (tests: 0.3)")
    args = parser.parse_args(argv)
    seed = DEFAULT_SEEDS[args.preset] if args.seed is None else args.seed
    start = time.monotonic()
    truth = generate(args.preset, args.out, seed, args.dossiers, truth=args.truth, workers=args.workers,
                     dpi_scale=args.dpi_scale)
    print(f"wrote {args.out} and {truth} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
