"""A harness's section of docs/BENCHMARKS.md: the text between its two markers is replaced on each
run, the rest of the file kept."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, name: str, title: str, intro: str, printed: list[str]) -> None:
    """Write ``printed`` (the harness's own output lines) under ``title`` into ``path``'s ``name`` section."""
    from sangkien.bench_ingest import machine

    start, end = f"<!-- {name}: written by python -m sangkien.{name} -->", f"<!-- {name}: end -->"
    replace_section(
        path, [start, f"## {title}", "", f"{intro.strip()} On {machine()}.", "", "```", *printed, "```", end]
    )


def replace_section(path: Path, lines: list[str]) -> None:
    """Put ``lines`` (their first and last lines are the section's markers) in place of the section
    between the same markers in ``path``, or at its end; the file is created if missing."""
    start, end = lines[0], lines[-1]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        text = text[: text.index(start)] + "\n".join(lines) + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
