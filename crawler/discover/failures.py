"""Which download failures mean "no HTTP answer at all": the signs of an outage, not of a failing outlet.

A refused or reset connection, a host that does not resolve, a timeout: the request never got a
response. An HTTP error status (HttpError), a robots.txt refusal, a size limit or a truncated body are
answers from a server that is there, so they count against the outlet as before.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
)
from twisted.internet.error import ConnectError, ConnectionLost, DNSLookupError, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

# Scrapy's own wrappers (scrapy.utils._download_handlers) and the Twisted errors they wrap, for other
# download handlers; DownloadFailedError wraps twisted's ResponseFailed (the connection dropped).
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    DownloadFailedError,
    DNSLookupError,
    ConnectError,  # refused, no route, TCP timeout ...
    ConnectionLost,
    TimeoutError,
    ResponseNeverReceived,
)


def is_network_failure(failure: Failure) -> bool:
    """The request got no HTTP response at all (DNS, connection, timeout)."""
    return failure.check(*NETWORK_ERRORS) is not None
