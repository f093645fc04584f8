"""Email address rules shared by the settings check and the newsletter."""

from __future__ import annotations

from email.headerregistry import Address
from email.utils import getaddresses


def sender(value: str) -> Address:
    """The one mailbox of a From setting such as 'Agency, Dept. <news@agency.gov>': the
    display name is quoted as needed. ValueError when it is not exactly one address."""
    found = getaddresses([value])
    if len(found) != 1 or found[0][1].count("@") != 1:
        raise ValueError(f"{value!r} is not one email address such as Name <news@example.gov>")
    name, address = found[0]
    user, domain = address.rsplit("@", 1)
    return Address(display_name=name, username=user, domain=domain)


def unsubscribe_problem(url: str) -> str | None:
    """Why an unsubscribe URL cannot go in List-Unsubscribe (RFC 8058, RFC 2369), if it
    cannot; a merge tag of the sending system (no scheme) is taken as it is."""
    if url.startswith("http://"):
        return f"{url!r} must be https:// for one-click unsubscribe (RFC 8058)"
    if url.startswith("https://") and ("," in url or " " in url):
        return f"{url!r} has a comma or space; encode it (%2C, %20) for List-Unsubscribe"
    return None
