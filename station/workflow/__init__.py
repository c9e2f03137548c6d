"""The bench state machine: inputs in, effects and events out. No I/O, no clock, no Qt."""
