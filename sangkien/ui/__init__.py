"""The Streamlit glue the pages are written in: the dataset in use, cached queries, the sidebar
filters, widgets, column formats, sign-in and workspaces. The only subpackage that imports
Streamlit; it may import every other one.
"""
