"""De datalaag: modellen, database-verbinding, leesqueries, afgeleide cijfers en schrijfservices.

Deze laag kent geen Dash. Pagina's roepen functies van hier aan; hier staat alle SQL.
"""
