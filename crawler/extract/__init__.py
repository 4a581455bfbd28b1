"""HTML -> ExtractedPage. `page.extract_page` dispatches: an outlet profile's layout (`profile`), else
the generic extractor (`generic`: `layout` -> `content` -> `metadata`); `structured` reads JSON-LD
and meta tags for both. `tree` parses every page once, at any depth; `limits` holds the page size,
body length and depth limits and the notes a page gets when it hits one."""
