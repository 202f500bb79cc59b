"""Telegram command and button handlers, grouped by audience."""
