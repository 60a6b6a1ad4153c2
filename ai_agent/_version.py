"""The package version: one place, read by the User-Agent, tracing and the package metadata."""

__version__ = "0.1.0"
