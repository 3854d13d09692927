"""Welsh date formats for what readers see: "3 Mawrth 2025", as en_GB's "3 March 2025".

The month and a.m./p.m. names come from Django's own Welsh translation; Welsh writes the
time with a space before them ("2:30 y.h.").
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"
SHORT_DATE_FORMAT = "j M Y"
MONTH_YEAR_FORMAT = "F Y"
