"""Where the project's own folders are: the query files, the demo exports, the samples, the default store."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEMO_DIR = ROOT / "data" / "demo"
SAMPLES_DIR = ROOT / "data" / "samples"
DEFAULT_STORE = ROOT / "data" / "store"
STATIC_DIR = ROOT / "data" / "static"  # files the pages use: nothing is fetched from the internet
ICON = STATIC_DIR / "icon.svg"  # served by the app itself: nothing is fetched from the internet
