"""Political events coded in PLOVER (warta_events)."""
