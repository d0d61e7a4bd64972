"""Records to docutils nodes: text, dates and citations (no builder-specific output)."""
