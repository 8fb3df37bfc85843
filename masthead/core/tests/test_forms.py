"""The fast renderer draws exactly what Django's widget templates draw."""

import pytest
from django import forms

from masthead.core.forms import FastWidgetRenderer


class Sample(forms.Form):
    text = forms.CharField(max_length=10)
    email = forms.EmailField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(required=False)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    count = forms.IntegerField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": 'Ada "<b>" & co', "email": "x", "body": "a\n<script>", "agree": "on",
         "hidden": "7", "count": "3", "website": "javascript:x"},
        {"text": "", "body": ""},
    ],
)
def test_fast_rendering_matches_djangos_templates(data):
    slow = Sample(data=data) if data is not None else Sample(initial={"text": "Hi"})
    fast = Sample(data=data) if data is not None else Sample(initial={"text": "Hi"})
    fast.renderer = FastWidgetRenderer()
    for name in Sample.base_fields:
        assert str(fast[name]) == str(slow[name]), name
