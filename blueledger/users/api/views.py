from __future__ import annotations

from typing import Any

from rest_framework import viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from blueledger.users.api.serializers import UserSerializer
from blueledger.users.models import User
from blueledger.users.selectors import user_list
from blueledger.users.services import api_token_issue


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UserSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return User.objects.none()
        return user_list(user=self.request.user)

    @action(detail=False)
    def me(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)


class TokenIssueView(ObtainAuthToken):
    """POST username and password: the user's API token, a new one when the old one has expired (sign-ins
    here are throttled like the login page)."""

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"token": api_token_issue(user=serializer.validated_data["user"]).key})
