"""The built-in demo: exports shaped like the programme's software writes them, made from the
report's figures (``build``) and the unit names of the federations (``names``). Imports ``ingest.schema`` only.
"""
