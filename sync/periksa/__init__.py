"""Parse a source's raw tabs into typed columns, then check and audit them."""
