"""Helpers the tests and the benchmarks share: synthetic speech and models, MP4 probing, sync measuring."""
