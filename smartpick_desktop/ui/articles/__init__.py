"""The Articles tab: library list, reader, contents, notes and bookmarks."""
