"""Data safety in the GUI: File → Back up… / Restore…, Settings → Backups, damaged-store dialog."""
