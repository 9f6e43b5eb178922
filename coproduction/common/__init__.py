"""Plain utilities every app may use: the rules for typed text and the rate limit.

The lowest layer (docs/architecture.md, "Layers"): it imports no app of this project.
"""
