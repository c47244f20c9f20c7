"""`tocsin watch`: follow feeds, news sitemaps and drop folders; store what is new; raise alerts."""
