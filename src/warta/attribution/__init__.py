"""Who said what: direct and indirect quotes attributed to resolved speakers (warta_quotes)."""
