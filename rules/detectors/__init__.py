"""Detectors, one module per finding category; importing this package registers every rule."""

from rules.detectors import (  # noqa: F401
    accuracy,
    confidential,
    discrimination,
    hours,
    illegal,
    insult,
    length,
    links,
    obscene,
    personal_info,
    personal_opinion,
    political,
    rumor,
    security,
    spam,
)
