"""The data every layer shares: the schema, findings, raw source tabs, cell addresses."""
