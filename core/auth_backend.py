"""Django's ``ModelBackend``, reading a user's permissions in one query instead of two.

Every admin page asks for the signed-in user's permissions; Django's backend reads the
user's own permissions and their groups' permissions with a query each. This backend
reads both at once (a user's own or any of their groups'), with the same rules: none for
inactive or anonymous users or for an object, every permission for an active
superuser. tests/test_auth_backend.py compares its answers with Django's for each role.

A session records the backend that signed its user in; sessions made under Django's
backend name (before this one was used) end, and those editors sign in again once.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache
