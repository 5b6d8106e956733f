"""What leaves the dashboard as a file or a slide: the report's sections, highlights, comparisons
between two reports, and the HTML, PowerPoint, Excel and bulletin files made from them.

No Streamlit here: the pages and the command line build the same files from one ``Source``.
"""
