"""Mentors and letters: contacts, interactions, follow-up rules, templates, letters, vCard/CSV.

What other features use: :func:`list_letters`, :func:`letters_expected`,
:class:`Letter` (``letters``), :func:`due_items`, :class:`DueItem` (``followups``) and the
template keys of ``templates.TEMPLATES``. Import from the submodules: this package imports
nothing heavy.
"""
