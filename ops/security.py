"""Who is asking, for login lockouts."""

from django.conf import settings


def client_ip(request):
    """The client's address as the last trusted proxy saw it.

    With ``TRUSTED_PROXY_HOPS = 0`` (no proxy) it is the connection's own address.
    Behind N proxies that each append to ``X-Forwarded-For`` (nginx's
    ``$proxy_add_x_forwarded_for``), it is the Nth entry from the right: entries further
    left were written by the client and can be forged.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= hops:
        return forwarded[-hops]
    return remote_addr
