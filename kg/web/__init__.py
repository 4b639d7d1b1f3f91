"""Real input from the web: HTML pages (:mod:`kg.web.page`) and the fetcher that gets them
(:mod:`kg.web.fetch`)."""
