"""The synthetic CRM data generator behind scripts/generate.py, split by concern."""
