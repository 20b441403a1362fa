"""Numeric claims, their sources and the stances taken on them (warta_claims)."""
