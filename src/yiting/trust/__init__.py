"""Trust a resident can check: the signed checkpoint format and its verification, the
community's signing key, and a check of a published site that needs no database.

Imports no UI and no database: store/ (which remembers the checkpoints it published),
publish/ (which signs) and the command line sit above it.
"""
