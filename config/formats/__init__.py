"""Date and number formats for the content languages without a fitting Django locale.

Newcomers read Swiss dates (23.11.2026, 24-hour clock) whatever their language: the dates must match
what they see on letters and at the counter, and Django's Arabic formats add direction marks that break
when mixed with German fallback text.
"""
