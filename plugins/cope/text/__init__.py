"""Shared text tools for the channels: HTML to plain text, absolute links."""
