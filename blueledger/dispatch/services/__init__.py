"""Writes of dispatch, one module per concern: rounds, reports, objections, registry-bound targets, year-end
reconciliation, 催报 and evidence. Every service is keyword-only, runs in one transaction, checks its actor (None
is the system: demo and command line) and names the actor and reason in the history of every row it writes."""
