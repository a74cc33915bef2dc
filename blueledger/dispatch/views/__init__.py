"""Pages of dispatch, one module per concern."""
