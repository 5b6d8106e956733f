"""Sáng kiến: analytics for trade-union initiative programmes.

Subpackages follow the data: ``ingest`` → ``store`` → ``analysis`` / ``charts`` → ``ui``, with
``demo`` beside them; ``db``, ``fmt``, ``auth`` and ``paths`` are shared by all. ARCHITECTURE.md has the map.
"""
