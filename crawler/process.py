"""One page through extraction and cleaning: the single path shared by the crawl, `newsmon extract`,
`sources --check` and the benches."""
