"""Benchmark contenders kept out of scripts/benchmark.py (run as child processes by it)."""
