"""The Slack Web API client the bot uses everywhere (listeners, jobs, the error handler).

``SLACK_API_URL`` (CONTRACTS §3) points it elsewhere: the fake Slack in tests, or a proxy. slack_sdk's
own retry handlers ride out what Slack asks clients to ride out: 429 with ``Retry-After`` (honoured),
500/503, and connections that drop. The counts are bounded so that a listener's worker thread is never
held for long; the draft workflow adds its own bounded retry on top for the replies that must arrive
(see ``bot.drafts``).
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

# Seconds per HTTP attempt: Slack answers in well under a second; a stalled connection must not hold a
# worker thread for the library's default 30 s.
DEFAULT_TIMEOUT = 10
RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2


def retry_handlers() -> list[RetryHandler]:
    """A fresh set per client: the handlers keep no state between calls, but sharing them across
    clients would make a test's patched sleep leak into another."""
    return [
        RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
    ]


def api_base_url(url: str | None) -> str:
    """``SLACK_API_URL`` as slack_sdk wants it (ending in "/"), or Slack's own."""
    if not url:
        return WebClient.BASE_URL
    return url if url.endswith("/") else url + "/"


def build_client(token: str | None, *, base_url: str | None = None, timeout: int = DEFAULT_TIMEOUT) -> WebClient:
    """A WebClient for the bot token, pointed at ``base_url`` (``SLACK_API_URL``) when given."""
    return WebClient(
        token=token,
        base_url=api_base_url(base_url),
        timeout=timeout,
        retry_handlers=retry_handlers(),
    )
