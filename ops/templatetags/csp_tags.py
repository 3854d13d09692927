from django import template
from django.utils.safestring import mark_safe

from ops.inline_scripts import HIDDEN_ALERTS_SCRIPT, JS_ENABLED_SCRIPT

register = template.Library()


@register.simple_tag
def js_enabled_script():
    """The inline js-enabled script, byte for byte the text the CSP hash was made from."""
    return mark_safe(f"<script>{JS_ENABLED_SCRIPT}</script>")  # noqa: S308 - a constant


@register.simple_tag
def hidden_alerts_script():
    """The inline script hiding alert banners the reader hid, byte for byte as hashed."""
    return mark_safe(f"<script>{HIDDEN_ALERTS_SCRIPT}</script>")  # noqa: S308 - a constant
