"""Qt-aware glue without widgets: timers, sound, speech and the composition root."""
