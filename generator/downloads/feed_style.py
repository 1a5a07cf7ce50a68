"""The stylesheet that makes an Atom feed readable when a person opens it in a browser.

Feed readers ignore it; a browser that opens ``du-lieu/cap-nhat.xml`` shows, instead of raw XML,
a page in Vietnamese: what the feed is, how to subscribe, and its entries. It is an XSLT 1.0
stylesheet (the only transformation browsers apply to XML), served from the site itself
(``du-lieu/nguon-tin.xsl``) and referred to by a relative ``xml-stylesheet`` instruction, so
no request leaves the site. It never copies an entry's HTML content into the page (that would
need ``disable-output-escaping``): the entry's title, date and summary are text.
"""

from __future__ import annotations

import posixpath

from generator.common.urls import DATA_DIR

STYLESHEET_PATH = f"{DATA_DIR}/nguon-tin.xsl"


def stylesheet_instruction(feed_path: str) -> str:
    """The ``<?xml-stylesheet?>`` line for the feed at ``feed_path`` (relative to the root)."""
    href = posixpath.relpath(STYLESHEET_PATH, posixpath.dirname(feed_path))
    return f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'


def _date(expr: str) -> str:
    """XPath for an RFC 3339 date-time's day as dd/mm/yyyy."""
    return (f'concat(substring({expr}, 9, 2), "/", substring({expr}, 6, 2), "/", '
            f"substring({expr}, 1, 4))")


STYLESHEET = f"""<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/atom:feed">
<html lang="vi">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="atom:title"/> (nguồn tin)</title>
<style>
body {{ font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif;
       margin: 0 auto; max-width: 46rem; padding: 1rem; color: #1f2328; line-height: 1.5; }}
h1 {{ color: #0b4f6c; font-size: 1.5rem; }}
a {{ color: #0b4f6c; }}
.ck-how {{ border-left: 4px solid #0b4f6c; background: #eef5f8; padding: 0.5rem 1rem; }}
code {{ background: #f1f3f5; padding: 0 0.2rem; word-break: break-all; }}
ol {{ padding-left: 1.2rem; }}
li {{ margin: 0 0 0.8rem; }}
.ck-date {{ color: #4b5563; }}
</style>
</head>
<body>
<main>
<h1><xsl:value-of select="atom:title"/></h1>
<p><xsl:value-of select="atom:subtitle"/></p>
<div class="ck-how">
<p><strong>Đây là nguồn tin (Atom)</strong>: một địa chỉ để ứng dụng đọc tin tự báo cho bạn mỗi
khi có cập nhật tiến độ mới, không cần mở lại trang.</p>
<p>Cách theo dõi: sao chép địa chỉ của trang này trên thanh địa chỉ của trình duyệt
(<code><xsl:value-of select="atom:link[@rel='self']/@href"/></code>) rồi dán vào ứng dụng đọc
tin RSS/Atom của bạn (mục “Thêm nguồn tin”, “Theo dõi”, “Subscribe”). Nhiều trình đọc thư điện
tử cũng đọc được nguồn tin.</p>
<p><a href="{{atom:link[@rel='alternate']/@href}}">Xem trang web của mục này</a></p>
</div>
<h2>Các cập nhật mới nhất</h2>
<xsl:choose>
<xsl:when test="atom:entry">
<ol>
<xsl:for-each select="atom:entry">
<li>
<a href="{{atom:link[@rel='alternate']/@href}}"><xsl:value-of select="atom:title"/></a><br/>
<span class="ck-date">Ngày <xsl:value-of select='{_date("atom:updated")}'/></span>:
<xsl:value-of select="atom:summary"/>
</li>
</xsl:for-each>
</ol>
</xsl:when>
<xsl:otherwise><p>Chưa có cập nhật tiến độ nào.</p></xsl:otherwise>
</xsl:choose>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
"""
