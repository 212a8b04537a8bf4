"""Gedeelde UI-onderdelen. Elk onderdeel in een eigen bestand met een ``maak_*()``-bouwer."""
