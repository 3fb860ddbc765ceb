"""The Mentors tab: contacts, interactions, composer, letters board, follow-up settings."""
