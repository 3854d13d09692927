"""The inline scripts on public pages, and their Content-Security-Policy hashes.

Public pages are cached whole (in the app and at the edge), so a per-request nonce
would be replayed to every reader of a cached copy and no longer match a fresh policy.
The policy names each script by the SHA-256 hash of its exact text instead, which stays
valid however the page is cached. The texts live only here: base.html renders them with
``{% js_enabled_script %}`` and ``{% hidden_alerts_script %}``, and settings put
``INLINE_SCRIPT_HASHES`` in script-src.

Both run before the page is first drawn, so nothing moves once it is on screen.
"""

import base64
import hashlib

# At the top of <body>: lets CSS lay out JavaScript-only controls from the first paint.
JS_ENABLED_SCRIPT = (
    "document.body.className += ' js-enabled' + "
    "('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
)

# Straight after the alert banners: hides those the reader hid earlier in this tab
# (the key is the one cspsite/static_src/js/alerts.mjs writes), before they are drawn.
HIDDEN_ALERTS_SCRIPT = (
    "try{var h=JSON.parse(sessionStorage.getItem('cspsite:hidden-alerts')||'[]');"
    "document.querySelectorAll('[data-alert-id]').forEach(function(b){"
    "if(h.indexOf(b.getAttribute('data-alert-id'))>-1){b.hidden=true;}});}catch(e){}"
)


def csp_hash(script):
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


INLINE_SCRIPT_HASHES = [csp_hash(JS_ENABLED_SCRIPT), csp_hash(HIDDEN_ALERTS_SCRIPT)]
