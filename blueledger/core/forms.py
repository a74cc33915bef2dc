"""Form widgets whose rendered value the browser's own inputs can show and post back unchanged.

An `<input type="date">` accepts only 2027-12-31; Django renders a date in the active locale's first
input format (2027/12/31 in zh-hans), which the browser cannot show, so it posts the field blank and a
save erases the date. Number inputs need nothing: Django localizes a field only when asked
(`localize=True`, which no form of ours sets). Every date, month and time input of the project comes from here.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_MONTH = "%Y-%m"
ISO_TIME = "%H:%M"


class DateInput(forms.DateInput):
    """`<input type="date">` rendering 2027-12-31 whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class MonthInput(forms.DateInput):
    """`<input type="month">` rendering 2027-12."""

    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_MONTH)


class TimeInput(forms.TimeInput):
    """`<input type="time">` rendering 08:30."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_TIME)


class DateField(forms.DateField):
    """A date typed in the browser's date picker (every language's input formats read 2027-12-31)."""

    widget = DateInput


class MonthField(forms.DateField):
    """A month written as 2023-06 (the browser's month input); the date is the month's first day."""

    widget = MonthInput
    input_formats = [ISO_MONTH, ISO_DATE]


class TimeField(forms.TimeField):
    widget = TimeInput
    input_formats = [ISO_TIME, "%H:%M:%S"]



class TextField(forms.CharField):
    """Several lines of text. Browsers post a textarea's line breaks as CRLF; kept as LF, a text saved
    unchanged stays unchanged."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        text: str = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")
