"""Inputs: reading and validating what people supply in ``data/raw/`` (tables, YAML, survey
answers), and the scaffold of a new year. Nothing here writes under ``data/raw/`` except the
scaffold, which only creates a new year's folder.
"""
