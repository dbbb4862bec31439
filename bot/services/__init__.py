"""Use cases: what coordinators and the office do, over repository protocols (ports)."""
