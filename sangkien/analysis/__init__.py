"""The questions users ask, answered as DataFrames: filters, rankings, summaries, the benefit
estimate, the explorer and the sandboxed SQL box. Reads through ``store.reading`` and ``db``;
never imports Streamlit, ``charts`` or ``ui``.
"""
