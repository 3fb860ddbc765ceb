"""The Plan tab: list optimiser, signals, fees, the P(match) curve, interview season, ROL."""
