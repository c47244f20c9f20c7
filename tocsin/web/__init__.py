"""`tocsin serve`: a read-only JSON API and an analyst's dashboard over the event store.

`filters` turns the dashboard's filters into SQL, `queries` holds the reads (events page,
timeline, map, dyad, export, evidence, article, alerts), `readers` the database connections that
never stand in a writer's way, `api` turns a request path and parameters into JSON, `server` is
the stdlib HTTP front, `static/` the dashboard (plain JS and inline SVG; the map's country shapes
and their decoder are vendored in `static/vendor/` with their licences).
"""
