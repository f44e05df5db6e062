"""Data access, one module per domain. Every function takes ``*, session``, never commits and
returns model objects (or plain rows for reports); the caller owns the unit of work."""
