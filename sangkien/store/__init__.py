"""The versioned store: immutable version files, the manifest, the load log, workspaces, proposals.

``reading`` opens versions for every reader and imports nothing of the writer (``versions``);
the writer imports ``ingest`` for the staged tables it writes. Never imports ``analysis`` or ``ui``.
"""
