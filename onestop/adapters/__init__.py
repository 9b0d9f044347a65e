"""Adapters to the world outside the store: the files that come from and go to other systems."""
