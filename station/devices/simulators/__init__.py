"""Simulated devices on real transports (pty serial ports, TCP on 127.0.0.1).

They are product code: demo mode runs on them, and the tests drive the real drivers through them.
"""
