"""The lowest layer: typed records, text normalisation and folding, time, outlet names, the query language.

Nothing here imports storage, crawler, scheduler or the app shell.
"""

__version__ = "0.1.0"
