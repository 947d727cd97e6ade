"""The supervision pages, one module per page family."""
