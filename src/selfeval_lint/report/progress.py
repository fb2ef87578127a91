"""A progress bar on stderr (file count and ETA) while a batch runs: only on a terminal, never in CI or --quiet."""

from __future__ import annotations

import os
import sys
from typing import TextIO


def progress_wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """tqdm's bar over the files; output written meanwhile goes above it, never through it."""

    def __init__(self, total: int, lang: str, stream: TextIO | None = None) -> None:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked from this one
        unit = "个文件" if lang == "zh" else " files"
        self.bar = tqdm(total=total, file=stream or sys.stderr, unit=unit, desc="检查" if lang == "zh" else "checking",
                        dynamic_ncols=True, leave=False, mininterval=0.2)

    def advance(self) -> None:
        self.bar.update(1)

    def write(self, out: TextIO, text: str) -> None:
        with self.bar.external_write_mode(file=out):
            out.write(text)
            out.flush()

    def close(self) -> None:
        self.bar.close()
