"""Scenario engine: pure Python, never imports pygame."""
