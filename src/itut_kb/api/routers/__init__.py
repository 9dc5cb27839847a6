"""Routers, one module per concern; ROUTERS lists the modules app.py includes (each exports ``router``)."""

ROUTERS = (
    "lookup",
    "queries",
    "sparql",
    "site",
    "pages",
    "docs",
    "ownership",
    "validate",
    "assembly",
    "changes",
)
