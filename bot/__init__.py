"""Plan bot: answers questions about provincial plans implementing Decision 996/QĐ-TTg."""

__version__ = "0.1.0"
