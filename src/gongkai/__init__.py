"""gongkai: an implementation plan (实施方案) as a validated task-responsibility ledger."""

__version__ = "0.1.0"
