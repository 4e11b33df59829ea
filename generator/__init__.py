"""congkhai: check a commune's disclosures against the law and build its portal."""

__version__ = "0.1.0"
