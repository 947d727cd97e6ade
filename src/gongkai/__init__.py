"""gongkai (公开): government information disclosure work, offline and exact."""

__version__ = "0.1.0"
