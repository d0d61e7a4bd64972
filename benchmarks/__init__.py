"""Benchmarks of sphinx-cv against plain Sphinx; run ``python -m benchmarks``."""
