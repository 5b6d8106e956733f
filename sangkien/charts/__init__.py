"""Figures: a DataFrame in, a ``plotly.graph_objects.Figure`` out, in the house theme.

No Streamlit and no data access, so the CLI can build reports and images with the same figures.
"""
