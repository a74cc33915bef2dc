"""Reads of dispatch, scoped to the user's region (see blueledger.core.permissions), one module per concern:
rounds, objections, the figures of a round, 催报, department pages, registry-bound targets, dashboard,
year-end reconciliation and 三色督办."""
