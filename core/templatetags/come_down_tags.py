from django import template

from core.come_down import comes_down

register = template.Library()

register.filter("comes_down", comes_down)
