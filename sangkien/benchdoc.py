"""A harness's section of docs/BENCHMARKS.md: the text between its two markers is replaced on each
run, the rest of the file kept."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, name: str, title: str, intro: str, printed: list[str]) -> None:
    """Write ``printed`` (the harness's own output lines) under ``title`` into ``path``'s ``name`` section."""
    from sangkien.bench_ingest import machine

    start, end = f"<!-- {name}: written by python -m sangkien.{name} -->", f"<!-- {name}: end -->"
    lines = [start, f"## {title}", "", f"{intro.strip()} On {machine()}.", "", "```", *printed, "```", end]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        text = text[: text.index(start)] + "\n".join(lines) + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
