"""Benchmark tooling: synthetic corpora for measuring congkhai on large data (not shipped)."""
