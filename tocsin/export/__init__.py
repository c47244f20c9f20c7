"""Writers from Documents to the formats analysts' tools read."""
