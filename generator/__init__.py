"""congkhai: public-administration-reform plans as data, validated and published."""

__version__ = "0.1.0"
