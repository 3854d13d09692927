"""UK date formats for what readers see: "3 March 2025"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:ia"
SHORT_DATE_FORMAT = "j M Y"
MONTH_YEAR_FORMAT = "F Y"
