"""Hypothesis settings for the fuzz suite: reproducible (derandomized, no example database written
into the checkout) and with no per-example deadline, since CI machines are slow and shared."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "newsmon-fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("newsmon-fuzz")
