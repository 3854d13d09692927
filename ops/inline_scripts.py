"""The one inline script on public pages, and its Content-Security-Policy hash.

Public pages are cached whole (in the app and at the edge), so a per-request nonce
would be replayed to every reader of a cached copy and no longer match a fresh policy.
The policy names this script by the SHA-256 hash of its exact text instead, which stays
valid however the page is cached. The text lives only here: base.html renders it with
``{% js_enabled_script %}`` and settings put ``JS_ENABLED_SCRIPT_HASH`` in script-src.
"""

import base64
import hashlib

JS_ENABLED_SCRIPT = (
    "document.body.className += ' js-enabled' + "
    "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
)


def csp_hash(script):
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


JS_ENABLED_SCRIPT_HASH = csp_hash(JS_ENABLED_SCRIPT)
