"""Nightstretch: a calm tray companion for night-time leg cramps in pregnancy."""

__version__ = "0.1.0"
