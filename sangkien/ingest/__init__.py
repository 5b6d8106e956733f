"""Reading exports: a file's bytes in, checked tables (``Staged``) with their rejected rows out.

Owns the formats and limits, the table layouts, number and date parsing, the schema of every
kind of table and the unit names. Imports nothing of the package but ``db``, ``fmt`` and ``auth``.
"""
