"""HTML -> ExtractedPage. `page.extract_page` dispatches: an outlet profile's layout (`profile`), else
the generic extractor (`generic`: `layout` -> `content` -> `metadata`); `structured` reads JSON-LD
and meta tags for both."""
