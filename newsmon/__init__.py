"""newsmon: a news monitor for e-government and digital-government awards in the Vietnamese press."""

__version__ = "0.1.0"
