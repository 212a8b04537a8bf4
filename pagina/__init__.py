"""Eén module per pagina (Dash pages): layout en callbacks samen; gedeelde stukken in componenten/."""
