"""Benchmarks: each module is one command that prints its figures (docs/performance.md)."""
