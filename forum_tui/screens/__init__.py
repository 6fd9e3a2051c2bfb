"""Screens: what people see and press (one file per screen or dialog)."""
