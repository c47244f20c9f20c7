"""`tocsin serve`: a read-only JSON API and a crisis-timeline dashboard over the event store.

`queries` holds the few reads the store's public queries lack (timeline, summary, one story's
evidence with its spans), `api` turns a request path and parameters into JSON, `server` is the
stdlib HTTP front, `static/` the dashboard (plain JS, inline SVG, no external asset).
"""
