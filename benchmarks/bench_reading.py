"""Reading-stage benchmark: plain Tesseract vs read_uploads (cold, then cached), clean-up ablation."""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from justif.config import ReadSettings
from justif.domain import Upload
from justif.reading import make_upload, read_uploads, synth

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
VARIANTS: dict[str, Callable] = {
    "clean": lambda im, s: im,
    "scan200": lambda im, s: synth.scanned(im, s),
    "scan150": lambda im, s: synth.scanned(im, s, dpi_to=150),
    "scan100": lambda im, s: synth.scanned(im, s, dpi_to=100),
    "skew3": lambda im, s: synth.skewed(im, 3),
    "skew7": lambda im, s: synth.skewed(im, -7),
    "rot90": lambda im, s: synth.rotated(im, 90),
    "rot180": lambda im, s: synth.rotated(im, 180),
    "photo": lambda im, s: synth.photographed(im, s),
}


def children_cpu_s() -> float:
    """CPU seconds used by this process's finished children and everything they waited for: the whole
    process tree of a `justif run` (its worker processes included) once it has ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (Tesseract included)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime + children_cpu_s()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Wall seconds taken by fn() and its result."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds taken by fn() and its result (CPU: steadier on a shared machine)."""
    cpu = cpu_seconds()
    wall, result = timed(fn)
    return wall, cpu_seconds() - cpu, result


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def make_inbox(root: Path, pages: int, text_pdfs: int = 0) -> Path:
    """An inbox of one-page image uploads cycling through the variants, plus text-layer PDFs."""
    names = list(VARIANTS)
    for i in range(pages):
        variant = names[i % len(names)]
        folder = root / f"D{i // 5:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        img = VARIANTS[variant](synth.text_image(synth.page_lines(i)), i)
        img.save(folder / f"p{i:04d}_{variant}.{'jpg' if variant == 'photo' else 'png'}")
    for i in range(text_pdfs):
        folder = root / f"T{i // 5:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        synth.write_text_pdf(folder / f"t{i:04d}.pdf", [synth.page_lines(1000 + i)])
    return root


def uploads_of(inbox: Path) -> list[Upload]:
    return [make_upload(d.name, d, p) for d in sorted(inbox.iterdir()) if d.is_dir()
            for p in sorted(d.rglob("*")) if p.is_file() and p.name != "dossier.json"]


def _plain_tesseract(path: Path, threads: int | None = 1) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    if threads:
        env["OMP_THREAD_LIMIT"] = str(threads)
    subprocess.run(["tesseract", str(path), "stdout", "-l", "fra"], env=env, capture_output=True, check=True)


def plain_tesseract_seconds(images: list[Path], workers: int, threads: int | None = 1) -> float:
    """Wall time of bare `tesseract IMG stdout -l fra` over the images, `workers` processes at a time,
    each with OMP_THREAD_LIMIT=threads (None: Tesseract's own OpenMP default)."""
    pool = ProcessPoolExecutor(workers)
    seconds, _ = timed(lambda: list(pool.map(_plain_tesseract, images, [threads] * len(images))))
    pool.shutdown()
    return seconds


def threads_comparison(images: list[Path], cores: int) -> None:
    """Tesseract's own OpenMP threads against one single-threaded process per core."""
    for workers, threads in ((1, None), (cores, 1), (cores, None)):
        seconds = plain_tesseract_seconds(images, workers, threads)
        print(f"{workers} process(es) x OMP_THREAD_LIMIT={threads or 'unset'}: "
              f"{len(images) / seconds:.2f} pages/s")


def _ablation_case(args: tuple[str, int, frozenset[str]]) -> tuple[str, str, float, float, float]:
    from justif.reading.page import PageJob, read_image_page

    variant, seed, steps = args
    lines = synth.page_lines(seed)
    gray = np.asarray(VARIANTS[variant](synth.text_image(lines), seed).convert("L"))
    start = time.perf_counter()
    job = PageJob(Path("ablation.png"), "png", 1, ReadSettings())
    page = read_image_page(gray, job, time.monotonic() + 120, steps)
    seconds = time.perf_counter() - start
    accuracy = synth.word_accuracy(" ".join(lines), page.text)
    conf = page.mean_conf
    return variant, ",".join(sorted(steps)) or "none", accuracy, conf, seconds


def ablation(seeds: int, workers: int) -> None:
    """Word accuracy, mean confidence, seconds per variant: kept steps, none, kept -/+ each step."""
    from justif.reading.cleanup import ALL_STEPS, KEPT_STEPS

    configs = [KEPT_STEPS, frozenset()] + [KEPT_STEPS ^ {step} for step in sorted(ALL_STEPS)]
    cases = [(v, s, c) for v in VARIANTS for s in range(seeds) for c in configs]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ProcessPoolExecutor(workers) as pool:
        rows = list(pool.map(_ablation_case, cases))
    print(f"{'variant':8} {'steps':44} {'acc':>6} {'conf':>6} {'s':>5}")
    for variant in VARIANTS:
        for config in configs:
            label = ",".join(sorted(config)) or "none"
            hits = [r for r in rows if r[0] == variant and r[1] == label]
            if config and config != KEPT_STEPS:
                label = "kept " + " ".join(f"-{x}" for x in KEPT_STEPS - config) + " ".join(
                    f"+{x}" for x in config - KEPT_STEPS)
            acc, conf, sec = (float(np.mean([r[i] for r in hits])) for i in (2, 3, 4))
            print(f"{variant:8} {label[:44]:44} {acc:6.3f} {conf:6.3f} {sec:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inbox", type=Path, help="an inbox to read (default: generate pages)")
    parser.add_argument("--pages", type=int, default=16, help="image pages to generate")
    parser.add_argument("--text-pdfs", type=int, default=60, help="text-layer PDFs to generate")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--ablation", type=int, metavar="SEEDS", help="measure each clean-up step instead")
    parser.add_argument("--threads", action="store_true", help="compare Tesseract threading instead")
    args = parser.parse_args()
    if args.ablation:
        ablation(args.ablation, args.workers)
        return
    if args.threads:
        with tempfile.TemporaryDirectory(prefix="bench-reading-") as tmp:
            inbox = args.inbox or make_inbox(Path(tmp) / "inbox", args.pages, 0)
            threads_comparison([u.path for u in uploads_of(inbox) if u.kind != "pdf"], args.workers)
        return
    with tempfile.TemporaryDirectory(prefix="bench-reading-") as tmp:
        inbox = args.inbox or make_inbox(Path(tmp) / "inbox", args.pages, args.text_pdfs)
        run(inbox, args.workers, Path(tmp) / "cache")


def run(inbox: Path, workers: int, cache_dir: Path) -> dict[str, float]:
    """Print and return the figures for one inbox."""
    settings = ReadSettings()
    uploads = uploads_of(inbox)
    images = [u.path for u in uploads if u.path.suffix.lower() in IMAGE_SUFFIXES and u.kind]
    texts = [u for u in uploads if u.kind == "pdf"]
    a, a_cpu, _ = timed_cpu(lambda: plain_tesseract_seconds(images, workers) if images else 0.0)
    image_uploads = [u for u in uploads if u.path in set(images)]
    b, b_cpu, readings = timed_cpu(
        lambda: read_uploads(image_uploads, settings, workers=workers, cache_dir=cache_dir))
    # Text layers: the batch's time includes starting the workers (imports of OpenCV, Tesseract, pdfium:
    # once per run, whatever its size); a batch of one text PDF, uncached, times that start-up.
    start_up, _ = timed(lambda: read_uploads(texts[:1], settings, workers=workers, cache_dir=None))
    t, text_readings = timed(lambda: read_uploads(texts, settings, workers=workers, cache_dir=cache_dir))
    c, again = timed(lambda: read_uploads(uploads_of(inbox), settings, workers=workers, cache_dir=cache_dir))
    uncached = [r for r in again if not r.cached]  # only uploads whose reading is not cacheable (a timeout)
    text_pages = sum(len(r.pages) for r in text_readings)
    figures = {"a_pages_s": len(images) / a if a else 0.0, "b_pages_s": len(images) / b if b else 0.0,
               "b_over_a": b / a if a else 0.0, "b_over_a_cpu": b_cpu / a_cpu if a_cpu else 0.0,
               "c_over_b": c / (b + t) if b + t else 0.0,
               "text_pages_s": text_pages / t if t else 0.0,
               "text_pages_s_started": (text_pages - 1) / (t - start_up) if t > start_up else 0.0}
    print(f"(a) plain tesseract, {workers} x 1 thread: {len(images)} pages in {a:.1f} s "
          f"= {figures['a_pages_s']:.2f} pages/s")
    print(f"(b) read_uploads, empty cache: {b:.1f} s = {figures['b_pages_s']:.2f} pages/s; "
          f"b/a = {figures['b_over_a']:.2f} "
          f"(CPU time: {b_cpu:.1f} s / {a_cpu:.1f} s = {figures['b_over_a_cpu']:.2f})")
    print(f"(c) read_uploads again over the whole inbox (cached, sha256 included): {c:.2f} s; "
          f"c / first run (b + text) = {figures['c_over_b']:.3f}; not cached: {len(uncached)} "
          f"{[(r.upload.sha256[:12], r.error) for r in uncached]}")
    print(f"text layer: {text_pages} pages in {t:.2f} s = {figures['text_pages_s']:.1f} pages/s; "
          f"{figures['text_pages_s_started']:.1f} pages/s once the workers have started "
          f"(a batch of one page: {start_up:.2f} s)")
    errors = sum(1 for r in readings if r.error)
    print(f"errors: {errors}; peak RSS MB (self, largest child): {peak_memory_mb()}")
    return figures


if __name__ == "__main__":
    main()
