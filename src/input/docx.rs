//! Word files (.docx): the paragraphs of `word/document.xml`, with their automatic numbering.
//!
//! ```text
//! docx      = zip { word/document.xml, word/numbering.xml?, word/styles.xml? }
//! body      = (p | tbl)*
//! p         = pPr? (r | hyperlink | ins | smartTag …)*   ; text is every w:t, in order
//! pPr       = pStyle? numPr?                            ; numPr = ilvl? numId
//! tbl       = tr*  ; tr = tc*  ; tc = (p | tbl)*
//! ```
//!
//! Each paragraph is one line; a numbered one (by its own `numPr`, or by its style's)
//! starts with the marker Word shows ([`numbering`](super::numbering)). A table row is one
//! `| cell | cell |` line. Text boxes, deleted and moved-away text, and the fallback copies
//! of alternate content are left out; `w:tab` is a tab and `w:br` a line break.
//!
//! Hands on the extracted text: spans index it (`source.format` is `docx`). A broken zip,
//! a zip without `word/document.xml`, or XML that cannot be read is
//! [`Error::CorruptDocx`].

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::{Level, Num, NumFmt, Numbering, Suffix};
use crate::error::Error;

/// Largest size one XML part may have once decompressed.
const MAX_PART: u64 = 256 << 20;

/// Reads the text of a .docx file.
pub fn extract(bytes: &[u8]) -> Result<String, Error> {
    let corrupt = |reason: String| Error::CorruptDocx { reason };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| corrupt(format!("not a zip archive: {e}")))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| corrupt("no word/document.xml: not a Word document".into()))?;
    let mut numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => read_numbering(&xml)?,
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => read_styles(&xml)?,
        None => HashMap::new(),
    };
    read_document(&document, &mut numbering, &styles)
}

/// One part of the archive as text, or `None` when it is absent.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, Error> {
    let corrupt = |reason: String| Error::CorruptDocx { reason };
    let mut entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(format!("{name}: {e}"))),
    };
    if entry.size() > MAX_PART {
        return Err(corrupt(format!(
            "{name} is {} bytes uncompressed",
            entry.size()
        )));
    }
    let mut raw = Vec::new();
    entry
        .by_ref()
        .take(MAX_PART)
        .read_to_end(&mut raw)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    let text =
        String::from_utf8_lossy(raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&raw)).into_owned();
    Ok(Some(text))
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> Error {
    Error::CorruptDocx {
        reason: format!("{part}: {e}"),
    }
}

/// Reads `word/numbering.xml`.
fn read_numbering(xml: &str) -> Result<Numbering, Error> {
    let mut n = Numbering::default();
    let mut reader = Reader::from_str(xml);
    // Where we are: the abstract list or instance being read, the level, the override.
    let mut abstract_id: Option<u32> = None;
    let mut num: Option<(u32, Num)> = None;
    let mut level: Option<(usize, Level)> = None;
    let mut override_level: Option<usize> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/numbering.xml", e))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "lvl" => {
                        if let Some((i, l)) = level.take() {
                            match (&mut num, override_level, abstract_id) {
                                (Some((_, num)), Some(_), _) => {
                                    if let Some(slot) = num.level_overrides.get_mut(i) {
                                        *slot = Some(l);
                                    }
                                }
                                (_, _, Some(a)) => {
                                    let levels = n.abstracts.entry(a).or_default();
                                    if levels.len() <= i {
                                        levels.resize(i + 1, Level::default());
                                    }
                                    if let Some(slot) = levels.get_mut(i) {
                                        *slot = l;
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, num)) = num.take() {
                            n.nums.insert(id, num);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "abstractNum" => abstract_id = attr_u32(e, "abstractNumId"),
            "num" => {
                num = attr_u32(e, "numId").map(|id| (id, Num::default()));
                if empty {
                    num = None;
                }
            }
            "abstractNumId" => {
                if let (Some((_, num)), Some(a)) = (&mut num, attr_u32(e, "val")) {
                    num.abstract_id = a;
                }
            }
            "lvlOverride" => override_level = attr_u32(e, "ilvl").map(|l| l as usize),
            "startOverride" => {
                if let (Some((_, num)), Some(l), Some(v)) =
                    (&mut num, override_level, attr_u32(e, "val"))
                {
                    if let Some(slot) = num.start_overrides.get_mut(l) {
                        *slot = Some(v);
                    }
                }
            }
            "lvl" => {
                let i = attr_u32(e, "ilvl").unwrap_or(0) as usize;
                let fresh = Level {
                    start: 0,
                    ..Level::default()
                };
                level = (i < 9).then_some((i, fresh));
            }
            name => {
                if let Some((_, l)) = &mut level {
                    match name {
                        "start" => l.start = attr_u32(e, "val").unwrap_or(0),
                        "numFmt" => {
                            l.fmt =
                                attr(e, "val").map_or(NumFmt::Decimal, |v| NumFmt::from_name(&v))
                        }
                        "lvlText" => l.text = attr(e, "val").unwrap_or_default(),
                        "lvlRestart" => l.restart = attr_u32(e, "val"),
                        "suff" => {
                            l.suffix = match attr(e, "val").as_deref() {
                                Some("space") => Suffix::Space,
                                Some("nothing") => Suffix::Nothing,
                                _ => Suffix::Tab,
                            }
                        }
                        "isLgl" => {
                            l.legal = attr(e, "val").is_none_or(|v| v != "0" && v != "false")
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(n)
}

/// Reads `word/styles.xml`: the numbering each paragraph style carries, `basedOn` followed.
fn read_styles(xml: &str) -> Result<HashMap<String, (u32, usize)>, Error> {
    let mut reader = Reader::from_str(xml);
    // style id → (own numId, own ilvl, basedOn)
    type Own = (Option<u32>, Option<usize>, Option<String>);
    let mut raw: HashMap<String, Own> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/styles.xml", e))?;
        let e = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(e) if e.local_name().as_ref() == "style" => {
                current = None;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name();
        match name.as_ref() {
            "style" => {
                current = attr(e, "styleId");
                if let Some(id) = &current {
                    raw.entry(id.clone()).or_default();
                }
            }
            "basedOn" | "numId" | "ilvl" => {
                if let Some(entry) = current.as_ref().and_then(|id| raw.get_mut(id)) {
                    match name.as_ref() {
                        "basedOn" => entry.2 = attr(e, "val"),
                        "numId" => entry.0 = attr_u32(e, "val"),
                        _ => entry.1 = attr_u32(e, "val").map(|v| v as usize),
                    }
                }
            }
            _ => {}
        }
    }
    let mut styles = HashMap::new();
    for id in raw.keys() {
        let mut at = Some(id.clone());
        let (mut num, mut ilvl) = (None, None);
        for _ in 0..8 {
            let Some(s) = at.as_ref().and_then(|a| raw.get(a)) else {
                break;
            };
            num = num.or(s.0);
            ilvl = ilvl.or(s.1);
            at = s.2.clone();
        }
        if let Some(num) = num {
            styles.insert(id.clone(), (num, ilvl.unwrap_or(0)));
        }
    }
    Ok(styles)
}

/// The paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<usize>,
}

/// Reads `word/document.xml` into lines.
fn read_document(
    xml: &str,
    numbering: &mut Numbering,
    styles: &HashMap<String, (u32, usize)>,
) -> Result<String, Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut para: Option<Para> = None;
    let mut in_text = false;
    let mut in_ppr = 0usize;
    let mut in_change = 0usize;
    let mut skip = 0usize;
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/document.xml", e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name {
                    "txbxContent" | "Fallback" | "moveFrom" | "del" if !empty => skip = 1,
                    "p" => {
                        para = Some(Para::default());
                        if empty {
                            if let Some(p) = para.take() {
                                finish(p, numbering, styles, &mut out, &mut cell);
                            }
                        }
                    }
                    "pPr" if !empty => in_ppr += 1,
                    "pPrChange" | "rPrChange" if !empty => in_change += 1,
                    "pStyle" if in_ppr > 0 && in_change == 0 => {
                        if let Some(p) = &mut para {
                            p.style = attr(e, "val");
                        }
                    }
                    "numId" if in_ppr > 0 && in_change == 0 => {
                        if let Some(p) = &mut para {
                            p.num_id = attr_u32(e, "val");
                        }
                    }
                    "ilvl" if in_ppr > 0 && in_change == 0 => {
                        if let Some(p) = &mut para {
                            p.ilvl = attr_u32(e, "val").map(|v| v as usize);
                        }
                    }
                    "t" if !empty => in_text = true,
                    "tab" if in_ppr == 0 => push_text(&mut para, "\t"),
                    "br" | "cr" if in_ppr == 0 => push_text(&mut para, "\n"),
                    "noBreakHyphen" => push_text(&mut para, "-"),
                    "tbl" if !empty => table_depth += 1,
                    "tr" if table_depth == 1 && !empty => row.clear(),
                    "tc" if table_depth == 1 && !empty => cell = Some(String::new()),
                    _ => {}
                }
            }
            Event::End(ref e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "pPrChange" | "rPrChange" => in_change = in_change.saturating_sub(1),
                    "p" => {
                        if let Some(p) = para.take() {
                            finish(p, numbering, styles, &mut out, &mut cell);
                        }
                    }
                    "tc" if table_depth == 1 => {
                        if let Some(c) = cell.take() {
                            row.push(c);
                        }
                    }
                    "tr" if table_depth == 1 => {
                        if !row.is_empty() {
                            out.push_str("| ");
                            out.push_str(&row.join(" | "));
                            out.push_str(" |\n");
                        }
                        row.clear();
                    }
                    "tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && skip == 0 => {
                push_text(&mut para, &t.xml10_content());
            }
            Event::GeneralRef(ref r) if in_text && skip == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(r).map(str::to_string),
                };
                if let Some(s) = resolved {
                    push_text(&mut para, &s);
                }
            }
            Event::CData(ref t) if in_text && skip == 0 => {
                push_text(&mut para, &t.xml10_content());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn push_text(para: &mut Option<Para>, text: &str) {
    if let Some(p) = para {
        p.text.push_str(text);
    }
}

/// Ends a paragraph: its marker, then its text, as a line (or into the open table cell).
fn finish(
    p: Para,
    numbering: &mut Numbering,
    styles: &HashMap<String, (u32, usize)>,
    out: &mut String,
    cell: &mut Option<String>,
) {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s)).copied();
    let numbered = match (p.num_id, from_style) {
        (Some(id), style) => Some((id, p.ilvl.or(style.map(|s| s.1)).unwrap_or(0))),
        (None, Some((id, lvl))) => Some((id, p.ilvl.unwrap_or(lvl))),
        (None, None) => None,
    };
    let marker = numbered.and_then(|(id, lvl)| numbering.marker(id, lvl));
    let mut line = marker.unwrap_or_default();
    line.push_str(&p.text);
    match cell {
        Some(c) => {
            if !c.is_empty() && !line.is_empty() {
                c.push(' ');
            }
            c.push_str(line.trim());
        }
        None => {
            out.push_str(&line);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn numbering_and_styles_are_read() {
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/></w:lvl>\
             </w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>\
             <w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>\
             </w:numbering>"
        );
        let mut n = read_numbering(&numbering).unwrap();
        let styles = read_styles(&format!(
            "<w:styles {W}><w:style w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
             <w:style w:styleId=\"H1b\"><w:basedOn w:val=\"H1\"/></w:style></w:styles>"
        ))
        .unwrap();
        let doc = format!(
            "<w:document {W}><w:body>\
             <w:p><w:r><w:t>前言 &amp; 说明</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"H1b\"/></w:pPr><w:r><w:t>总体</w:t></w:r><w:r><w:t xml:space=\"preserve\">要求</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>目标</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>任务</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr></w:pPr><w:r><w:t>另起</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>牵头</w:t></w:r></w:p><w:p><w:r><w:t>单位</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             </w:body></w:document>"
        );
        let text = read_document(&doc, &mut n, &styles).unwrap();
        assert_eq!(
            text,
            "前言 & 说明\n一、总体要求\n（一）目标\n二、任务\n三、另起\n| 序号 | 牵头 单位 |\n"
        );
    }

    #[test]
    fn broken_inputs_are_errors() {
        assert_eq!(
            extract(b"PK\x03\x04garbage").unwrap_err().code(),
            "corrupt_docx"
        );
        assert_eq!(extract(b"").unwrap_err().code(), "corrupt_docx");
    }
}
