"""Staff sign-in: the second factor (django-otp), throttled sign-in (django-axes), staff
session limits and sign-in logging (docs/configuration.md «Staff sign-in», docs/operations.md)."""
