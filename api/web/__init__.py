"""The web workspace served at `/`: server-rendered pages over the same graph lookups as the JSON API."""
