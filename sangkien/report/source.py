"""Where a report's figures come from: one version (or workspace), its filters, a query runner.

The pages pass Streamlit's cached runner; the command line the version's own ``query``. Either
way every builder asks through ``Source`` and never opens a connection itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from sangkien.analysis import summary
from sangkien.analysis.filters import Filters
from sangkien.store.catalog import Catalog
from sangkien.store.reading import Dataset, open_dataset

DEFAULT_BANDS = [1e11, 1e10, 3e9, 1e9]  # đồng: ≥100 tỷ, 10–100 tỷ, 3–10 tỷ, 1–3 tỷ, <1 tỷ

Runner = Callable[..., pd.DataFrame]


def _plain_runner(ds: Dataset) -> Runner:
    return ds.query


def _plain_headline(ds: Dataset, f: Filters) -> dict:
    return summary.headline(ds, None, f)


@dataclass
class Source:
    ds: Dataset
    filters: Filters = field(default_factory=Filters)
    runner: Callable[[Dataset], Runner] = _plain_runner
    headliner: Callable[[Dataset, Filters], dict] = _plain_headline

    # Answers already fetched by this source and the ones made from it with ``at`` (one report asks
    # the same ranking of several sections): each caller gets its own copy to change.
    answers: dict = field(default_factory=dict, repr=False, compare=False)

    def query(self, name: str, **params: object) -> pd.DataFrame:
        key = (str(self.ds.path), name, repr(sorted(params.items())))
        if key not in self.answers:
            self.answers[key] = self.runner(self.ds)(name, **params)
        return self.answers[key].copy()

    def run(self) -> Runner:
        return self.query

    def at(self, ds: Dataset, filters: Filters | None = None) -> Source:
        """The same way of asking, over another version (or other filters)."""
        return replace(self, ds=ds, filters=self.filters if filters is None else filters)

    def home(self) -> dict | None:
        """The home unit's headline figures under the filters; None when there is no home unit."""
        try:
            h = self.headliner(self.ds, self.filters)
        except summary.UnitNotFound:
            return None
        return h if h.get("unit") else None

    def bands(self) -> list[float]:
        return [float(x) for x in self.ds.settings.get("benefit_bands", DEFAULT_BANDS)]


def versions_up_to(ds: Dataset) -> list[Dataset]:
    """Every version up to ``ds`` as datasets, oldest first, ``ds`` itself last."""
    return [*(open_dataset(ds.root, vid) for vid in earlier_versions(ds)), ds]


def earlier_versions(ds: Dataset) -> list[str]:
    """The published versions before ``ds``, oldest first; for a workspace, up to the one it was made on."""
    ids = [v["id"] for v in Catalog(ds.root).versions()]
    if ds.id in ids:
        return ids[: ids.index(ds.id)]
    return ids[: ids.index(ds.previous) + 1] if ds.previous in ids else []
