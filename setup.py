"""Packages: everything under ``smartpick_desktop/``, plus the top-level ``resources/`` folder and its
subfolders, installed as ``smartpick_desktop/resources`` (pyproject.toml maps the folder)."""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "smartpick_desktop.resources"

setup(packages=[*find_packages(include=["smartpick_desktop*"]), RESOURCES,
                *(f"{RESOURCES}.{name}" for name in find_namespace_packages("resources"))])
