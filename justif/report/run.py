"""RunInfo: the run's figures, shown at the top of the report and kept in summary.json."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel, Field

from justif.domain import Box

# page_crop(dossier_id, file, page, box) -> PNG bytes of the upright page around `box` (None: whole page)
PageCrop = Callable[[str, str, int, Box | None], bytes | None]


class RunInfo(BaseModel):
    started_at: datetime
    finished_at: datetime
    seconds: float
    model_version: str
    inbox: str
    n_files: int
    n_pages: int
    pages_per_second: float
    errors: dict[str, str] = Field(default_factory=dict,
                                   description="dossier_id -> why dossier.json was unusable")
