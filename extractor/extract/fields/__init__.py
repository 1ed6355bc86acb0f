"""Field families: one module each, registered with ``@field_family`` (see ``registry.py``)."""
