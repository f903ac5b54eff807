//! Serde values straight into Python objects, shaped as `serde_json` would write them.
//!
//! [`to_python`] runs a value's own `Serialize` impl (the one the command line's JSON
//! comes from) against a serializer that builds what `json.loads` would return for that
//! JSON: objects are dicts, sequences and tuples lists, integers ints, other numbers
//! floats (NaN and infinities `None`, as serde_json writes `null`), enums as serde_json
//! spells them. It hands on one Python object.
//!
//! Documents have a few dozen distinct field names repeated hundreds of times, so each
//! field and variant name (a `&'static str`) becomes a Python string once per thread and
//! is reused from then on; that and building lists directly are what make this faster
//! than a general-purpose converter.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

/// Converts `value` into Python objects (see the module documentation).
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let result = NAMES.with(|names| match names.try_borrow_mut() {
        Ok(mut names) => value.serialize(ToPython {
            py,
            names: &mut names,
        }),
        // Only a conversion started from inside another could get here; it works
        // without the cache.
        Err(_) => value.serialize(ToPython {
            py,
            names: &mut Names::default(),
        }),
    });
    result.map_err(|e| e.0)
}

/// Python strings of field and variant names, by the address and length of the name.
type Names = HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<AddressHasher>>;

thread_local! {
    static NAMES: RefCell<Names> = RefCell::new(Names::default());
}

/// Hashes the address of a `&'static str`: the addresses are distinct already.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A Python exception raised while converting.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The serializer: one Python object per value.
pub struct ToPython<'py, 'n> {
    py: Python<'py>,
    names: &'n mut Names,
}

impl<'py> ToPython<'py, '_> {
    /// The Python string of a field or variant name, made once.
    fn name(&mut self, name: &'static str) -> Bound<'py, PyString> {
        let py = self.py;
        self.names
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| PyString::intern(py, name).unbind())
            .bind(py)
            .clone()
    }

    fn reborrow(&mut self) -> ToPython<'py, '_> {
        ToPython {
            py: self.py,
            names: self.names,
        }
    }

    fn int<T: IntoPyObject<'py>>(self, v: T) -> Result<Bound<'py, PyAny>> {
        Ok(v.into_bound_py_any(self.py)?)
    }

    /// `{name: value}`, as serde_json writes a newtype or tuple variant.
    fn tagged(mut self, name: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.name(name), value)?;
        Ok(dict.into_any())
    }
}

impl<'py, 'n> ser::Serializer for ToPython<'py, 'n> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = List<'py, 'n>;
    type SerializeTuple = List<'py, 'n>;
    type SerializeTupleStruct = List<'py, 'n>;
    type SerializeTupleVariant = List<'py, 'n>;
    type SerializeMap = Dict<'py, 'n>;
    type SerializeStruct = Dict<'py, 'n>;
    type SerializeStructVariant = Dict<'py, 'n>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }

    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        if v.is_finite() {
            Ok(PyFloat::new(self.py, v).into_any())
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v).into_any())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        // serde_json writes bytes as an array of numbers.
        Ok(PyList::new(self.py, v)?.into_any())
    }

    fn serialize_none(self) -> Result<Self::Ok> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(self.name(variant).into_any())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let value = value.serialize(self.reborrow())?;
        self.tagged(variant, value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<List<'py, 'n>> {
        Ok(List {
            inner: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<List<'py, 'n>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<List<'py, 'n>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<List<'py, 'n>> {
        let mut list = self.serialize_seq(Some(len))?;
        list.variant = Some(variant);
        Ok(list)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Dict<'py, 'n>> {
        Ok(Dict {
            dict: PyDict::new(self.py),
            inner: self,
            key: None,
            variant: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Dict<'py, 'n>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Dict<'py, 'n>> {
        let mut dict = self.serialize_map(Some(len))?;
        dict.variant = Some(variant);
        Ok(dict)
    }
}

/// A list being built (sequences, tuples, tuple variants).
pub struct List<'py, 'n> {
    inner: ToPython<'py, 'n>,
    items: Vec<Bound<'py, PyAny>>,
    /// For a tuple variant: its name, the key of the one-entry dict around the list.
    variant: Option<&'static str>,
}

impl<'py> List<'py, '_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let item = value.serialize(self.inner.reborrow())?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.inner.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.inner.tagged(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for List<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for List<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for List<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for List<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A dict being built (maps, structs, struct variants).
pub struct Dict<'py, 'n> {
    inner: ToPython<'py, 'n>,
    dict: Bound<'py, PyDict>,
    /// A map key waiting for its value.
    key: Option<Bound<'py, PyAny>>,
    /// For a struct variant: its name, the key of the one-entry dict around the dict.
    variant: Option<&'static str>,
}

impl<'py> Dict<'py, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let value = value.serialize(self.inner.reborrow())?;
        let key = self.inner.name(key);
        self.dict.set_item(key, value)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.inner.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Dict<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let key = key.serialize(self.inner.reborrow())?;
        // JSON object keys are strings: serde_json writes a number key as its digits.
        self.key = Some(if key.is_instance_of::<PyString>() {
            key
        } else {
            key.str()?.into_any()
        });
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without its key"))?;
        let value = value.serialize(self.inner.reborrow())?;
        self.dict.set_item(key, value)?;
        Ok(())
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Dict<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}
