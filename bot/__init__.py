"""Telegram front end: application, command table, handlers, alert rendering, delivery."""
