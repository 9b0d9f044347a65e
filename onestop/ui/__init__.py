"""The desktop client (PySide6): sign-in, pages by role, background operations."""
