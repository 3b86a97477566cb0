"""Files on disk: the SQLite logbook, the settings file and the folders they live in."""
