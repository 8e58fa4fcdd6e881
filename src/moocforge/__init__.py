"""moocforge: validate, review, transcode and package MOOCs for Kazakh universities."""

__version__ = "0.1.0"
