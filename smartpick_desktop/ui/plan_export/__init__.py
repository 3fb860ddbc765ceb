"""The application plan's export (PDF, calendar), print preview and page setup actions."""
