"""The Plan tab: list optimizer, signals, fees, the P(match) curve, interview season, ROL."""
