"""A test-only app with a page type that is not a consultation and hosts live sessions.

Installed by coproduction/settings/test.py only: it shows the live engine works for any
page that mixes in LiveHostMixin.
"""
