"""Side-by-side measurements of the SDK against raw httpx (``make bench``)."""
