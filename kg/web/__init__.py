"""Real input from the web: HTML pages (:mod:`kg.web.page`), the polite fetcher that gets them
(:mod:`kg.web.fetch`), RSS and Atom feeds (:mod:`kg.web.feeds`) and what ``kg watch`` remembers of them
(:mod:`kg.web.watch`)."""
