"""The postal page, split by job: the page (page), the day's lists (lists), the hand-over with
the post (handover), delivery outcomes (outcome), and the post office's files (files)."""

from .page import PostalPage

__all__ = ["PostalPage"]
