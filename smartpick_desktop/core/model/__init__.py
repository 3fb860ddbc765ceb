"""The match-chance model: strength, competitiveness, chances, P(match), optimizer, plans.

Qt-free; NumPy is imported by the modules that need it (never at GUI start-up through this
package's ``__init__``).
"""
