"""itut-kb on a SPARQL server an organisation already runs: the SPARQL 1.1 Protocol (queries, updates) and
the Graph Store Protocol (loading graphs), nothing engine-specific (see docs/remote.md)."""
