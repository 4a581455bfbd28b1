"""A generator of large mock outlets: `newsmon samples serve --synthetic N [--seed S]`.

`generator` decides every page from its index (outlet, date, kind, text); `site` renders the files a
crawler asks for with the real mock templates; `serve` plugs that into the mock server and exposes
the ground truth (`ground_truth()`, and `GET /_synthetic/truth.json` on the server).
"""
