"""The Home tab: what to do next, built from sections that features contribute."""
