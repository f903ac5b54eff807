#!/usr/bin/env python3
"""Wrap a policy document's plain text in the page layouts government portals use.

usage: wrap_html.py TEMPLATE IN.txt OUT.html
       wrap_html.py --all IN.txt OUTDIR        (one page per template)

Templates (TEMPLATES below): gov (UTF-8, the central portal: ArticleTitle/PubDate/
ContentSource meta, nav, breadcrumb, h1, pages_content), trs (GB18030 declared as gb2312,
a TRS_Editor div in a con_title/info layout, scripts holding markup), zoom (GBK with
&#NNN; for what GBK cannot write, charset=gbk, <div id="zoom">, lines broken by <br>,
&nbsp; indents), html5 (UTF-8, <article> with <header>, class="content", only a <title>).

The text may start with a Markdown copy's header (`# title`, `**发布日期**: …` lines, `---`):
its title and dates become the page's <meta> tags and heading, as a portal prints them.
"""
import html
import os
import re
import sys

META = re.compile(r"^\*\*(.+?)\*\*\s*[:：]\s*(.*)$")


def split_doc(text):
    """(title, {key: value}, body lines) of a document's text."""
    lines = text.replace("\r\n", "\n").split("\n")
    title, meta, body = None, {}, lines
    if lines and lines[0].startswith("# "):
        title = lines[0][2:].strip()
        rest = lines[1:]
        for i, line in enumerate(rest):
            m = META.match(line.strip())
            if m:
                meta[m.group(1).strip()] = m.group(2).strip()
            elif line.strip() == "---":
                body = rest[i + 1:]
                break
            elif line.strip():
                body = rest[i:]
                break
        else:
            body = []
    if title is None:
        title = guess_title(lines)
    return title, meta, body


TITLE_END = re.compile(r"(通知|意见|方案|办法|规定|决定|报告|总结|细则|规划|计划|公告|通告|批复|函|条例|要点|令)$")


def guess_title(lines):
    """The title a portal would print for a text without a header: its first short line
    that ends like a title, else a short first line, else none."""
    head = [l.strip() for l in lines if l.strip()][:6]
    for line in head:
        if len(line) <= 80 and TITLE_END.search(line):
            return line
    if head and len(head[0]) <= 40 and not head[0].endswith(("。", "；", ";", "：", ":")):
        return head[0]
    return ""


def inline(line):
    """A line of Markdown-ish text as HTML: **bold** becomes <strong>."""
    out = html.escape(line, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)


def paragraphs(body, style):
    """The body as HTML: <p> per line (or <br> per line), pipe tables as <table>."""
    out, table = [], []

    def flush():
        if table:
            rows = []
            for row in table:
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    continue
                rows.append("<tr>" + "".join(f"<td><p>{inline(c)}</p></td>" for c in cells) + "</tr>")
            out.append('<table border="1" cellspacing="0">' + "\n".join(rows) + "</table>")
            table.clear()

    for line in body:
        if line.strip().startswith("|"):
            table.append(line)
            continue
        flush()
        if not line.strip():
            continue
        text = line.strip()
        if style == "br":
            indent = "&nbsp;" * 4 if line.startswith("\u3000") else ""
            out.append(f"{indent}{inline(text)}<br>")
        elif style == "indent":
            out.append(f'<p style="text-indent:2em;">{inline(text)}</p>')
        else:
            out.append(f"<p>{inline(line.rstrip())}</p>")
    flush()
    return "\n".join(out)


NAV = """<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>"""
FOOTER = """<div class="footer"><p>主办：人民政府办公厅　承办：大数据中心</p>
<p>网站标识码：3100000001　备案号：京ICP备05070218号</p><p>版权所有 未经授权禁止转载</p></div>"""
SCRIPT = """<script type="text/javascript">var _hmt = _hmt || [];
document.write('<p class="tip">请使用新版浏览器</p>'); if (a < b && c > d) { x = "</div>"; }</script>"""


def gov(title, meta, body):
    date = meta.get("发布日期", "")
    source = meta.get("发布机构", "")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{html.escape(title)}_政策文件_门户网站</title>
<meta name="SiteName" content="门户网站"><meta name="ColumnName" content="政策文件">
<meta name="ArticleTitle" content="{html.escape(title)}">
<meta name="PubDate" content="{html.escape(date + " 09:30" if date else "")}">
<meta name="ContentSource" content="{html.escape(source)}">
<meta name="Keywords" content="政策,通知">
<link rel="stylesheet" href="/css/common.css"><style>.pages_content p {{ text-indent: 2em; }}</style>
{SCRIPT}
</head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="门户网站"></div>{NAV}</div>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 正文</div>
<div class="article oneColumn pub_border">
<h1>{html.escape(title)}</h1>
<div class="pages-date">{html.escape(date)}　来源：{html.escape(source)}
<span class="font">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="pages_content" id="UCAP-CONTENT">
{paragraphs(body, "p")}
</div>
<div class="share-bar"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a></div>
<div class="related"><h3>相关文件</h3><ul><li><a href="#">关于做好相关工作的通知</a></li></ul></div>
</div>
{FOOTER}
</body></html>
"""


def trs(title, meta, body):
    date = meta.get("发布日期", "")
    source = meta.get("发布机构", "")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{html.escape(title)}</title>
<meta name="ArticleTitle" content="{html.escape(title)}" />
<meta name="PubDate" content="{html.escape(date)}" />
<meta name="ContentSource" content="{html.escape(source)}" />
<script language="javascript">function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
var str = "<div class='TRS_Editor'>假</div>";</script>
</head><body>
<table class="top" width="1000"><tr><td><a href="/">网站首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></td></tr></table>
<div class="position">您的位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zfwj/">政府文件</a></div>
<div class="main">
<div class="con_title"><h2>{html.escape(title)}</h2>
<div class="info">发布时间：{html.escape(date)}&nbsp;&nbsp;来源：{html.escape(source)}&nbsp;&nbsp;浏览次数：<span id="count">1024</span></div></div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{paragraphs(body, "indent")}
</div></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="bottom"><p>主办单位：人民政府办公室　地址：人民路1号　邮编：100000</p></div>
</body></html>
"""


def zoom(title, meta, body):
    date = meta.get("发布日期", "")
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>{html.escape(title)}_人民政府门户网站</title>
<meta name="pubdate" content="{html.escape(date)}">
<style type="text/css">#zoom {{ font-size: 16px; line-height: 2; }}</style>
</head><body>
<div id="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>
<table width="100%"><tr><td class="crumb">首页 &gt;&gt; 信息公开 &gt;&gt; 规范性文件</td></tr></table>
<table width="960" align="center"><tr><td align="center"><font size="5"><b>{html.escape(title)}</b></font></td></tr>
<tr><td><div id="zoom">
{paragraphs(body, "br")}
</div></td></tr></table>
<!-- 页脚 开始 --><div id="footer">Copyright &copy; 人民政府　技术支持：信息中心</div>
</body></html>
"""


def html5(title, meta, body):
    return f"""<!doctype html>
<html><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
<title>{html.escape(title)}_人民政府网</title>
</head><body>
<header class="site-header"><nav><a href="/">首页</a><a href="/zc/">政策</a></nav></header>
<main><article>
<header><h1 class="article-title">{html.escape(title)}</h1></header>
<div class="content">
{paragraphs(body, "p")}
</div>
</article>
<aside><h3>热点</h3><ul><li><a href="#">新闻一</a></li></ul></aside>
</main>
<footer><p>人民政府网 版权所有</p></footer>
</body></html>
"""


TEMPLATES = {
    "gov": (gov, "utf-8"),
    "trs": (trs, "gb18030"),
    "zoom": (zoom, "gbk"),
    "html5": (html5, "utf-8"),
}


def wrap(template, text):
    """The page's bytes."""
    build, encoding = TEMPLATES[template]
    title, meta, body = split_doc(text)
    return build(title, meta, body).encode(encoding, errors="xmlcharrefreplace")


def main(argv):
    if len(argv) == 4 and argv[1] == "--all":
        text = open(argv[2], encoding="utf-8").read()
        os.makedirs(argv[3], exist_ok=True)
        stem = os.path.splitext(os.path.basename(argv[2]))[0]
        for name in TEMPLATES:
            with open(os.path.join(argv[3], f"{stem}_{name}.html"), "wb") as f:
                f.write(wrap(name, text))
        return 0
    if len(argv) != 4 or argv[1] not in TEMPLATES:
        print(__doc__, file=sys.stderr)
        return 2
    text = open(argv[2], encoding="utf-8").read()
    with open(argv[3], "wb") as f:
        f.write(wrap(argv[1], text))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
