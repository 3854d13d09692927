"""``{% fragment "name" part ... %}…{% endfragment %}``: a part of a template rendered once
for its name, the parts it depends on and the language, and kept as the page cache keeps
pages (ops/fragment_cache.py): dropped by every purge, never kept past the next change,
and only for anonymous readers. What is inside must depend on nothing but those parts,
the language and published content: no forms with a CSRF token, nothing about the reader.
"""

from django import template
from django.utils import translation

from ops.fragment_cache import fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        parts.append(translation.get_language())
        name = self.name.resolve(context)
        return fragment(context.get("request"), name, parts, lambda: self.nodelist.render(context))


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% fragment %} needs a name: {% fragment "name" part ... %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
