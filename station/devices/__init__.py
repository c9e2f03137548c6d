"""Bench hardware: scales, scanners, printers, each with a simulator. No database, no Qt."""
