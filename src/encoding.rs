//! The encodings an input may be read in, as the public API names them.

use crate::error::Error;

/// A character encoding the input may be read in (GB18030, GBK, Big5, UTF-16LE, …).
///
/// ```
/// let gbk = zhengce::Encoding::for_label("gbk").unwrap();
/// assert_eq!(gbk.name(), "GBK");
/// assert!(zhengce::Encoding::for_label("klingon").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding(&'static encoding_rs::Encoding);

impl Encoding {
    /// The encoding of a label such as `gbk`, `gb18030`, `big5`, `utf-16le` (the WHATWG
    /// Encoding Standard's labels), or [`Error::UnknownEncoding`].
    pub fn for_label(label: &str) -> Result<Encoding, Error> {
        crate::decode::encoding_for_label(label).map(Encoding)
    }

    /// The encoding's name, as `source.encoding` reports it (`GBK`, `UTF-8`, …).
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The encoding as `encoding_rs` has it.
    pub(crate) fn inner(self) -> &'static encoding_rs::Encoding {
        self.0
    }
}
