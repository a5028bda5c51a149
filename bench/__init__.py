"""Benchmarks: speed is measured here, against a baseline measured in the same run, never asserted in tests."""
