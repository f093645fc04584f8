"""Browser, accessibility and validity checks of the built fixture site (pytest marker `browser`).

A package, so that its conftest is `browser.conftest` and does not replace tests/conftest.py,
which the other test modules import as `conftest`.
"""
