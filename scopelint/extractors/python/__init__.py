"""The Python wing: Python source and Jupyter notebooks, read with ``ast`` (never imported or run)."""
