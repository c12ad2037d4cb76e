"""HTTP routes, one module per resource: health, sparql, statements (with ask)."""
