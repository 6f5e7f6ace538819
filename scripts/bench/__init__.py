"""The benchmark behind scripts/benchmark.py: the measured runs, the contenders and their workers, the reports."""
