"""The postal page's former address, kept for the main window's page registry: the page itself
lives in onestop.ui.postal."""

from onestop.ui.postal import PostalPage

__all__ = ["PostalPage"]
