"""The filters shared by every analysis page, as query parameters and as one short line of text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sangkien import fmt
from sangkien.i18n import t


@dataclass(frozen=True)
class Filters:
    """Period of submission, status, place in the hierarchy, field. None means 'all'."""

    start: dt.date | None = None
    end: dt.date | None = None
    all_statuses: bool = False
    federation_key: str | None = None
    parent_key: str | None = None
    unit_key: str | None = None
    field: str | None = None
    # Display names for the line of text
    federation: str | None = None
    parent: str | None = None
    unit: str | None = None

    def params(self) -> dict:
        """Parameters of the shared filter (``queries/include/filtered_initiatives.sql``):
        $start $end $all_statuses $field. The place in the hierarchy goes to each query by its own name."""
        return {"start": self.start, "end": self.end, "all_statuses": self.all_statuses, "field": self.field}

    def is_default(self) -> bool:
        """Nothing chosen: valid initiatives of the whole period, every place and field."""
        return self == Filters()

    def with_end(self, end: dt.date | None) -> Filters:
        return Filters(**{**self.__dict__, "end": end})

    def describe(self) -> str:
        """'Sáng kiến hợp lệ · 01/09/2021–01/09/2023 · LĐLĐ quận Hoàng Mai · lĩnh vực Chuyển đổi số'."""
        parts = [t("filters.line_all_statuses") if self.all_statuses else t("filters.line_valid")]
        if self.start or self.end:
            parts.append(t("filters.line_period", start=fmt.date(self.start, "…"), end=fmt.date(self.end, "…")))
        place = self.unit or self.parent or self.federation
        if place:
            parts.append(place)
        if self.field:
            parts.append(t("filters.line_field", field=self.field))
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]
