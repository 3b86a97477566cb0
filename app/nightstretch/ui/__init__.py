"""Thin widgets: they render state objects and forward the user's intents as signals."""
