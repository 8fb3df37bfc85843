"""Masthead: a newsroom's whole publishing system."""
