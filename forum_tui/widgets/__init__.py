"""Reusable widgets; member text reaches them only through ``widgets.safe``."""
