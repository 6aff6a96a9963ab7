"""Presentation: sentences with numbers, display tables, charts and notebook display helpers.

Presentation formats what the model computed; it computes nothing of its own.
"""
