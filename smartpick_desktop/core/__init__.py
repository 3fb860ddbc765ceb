"""The Qt-free core: store, profile, catalog, model, plan, articles, mentors, reference data."""
