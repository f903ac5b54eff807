//! The output contract as an Apache Spark schema, derived from the JSON Schema.
//!
//! [`spark_schema`] walks [`schema()`](crate::schema) — itself generated from the Rust
//! types — and hands on a Spark `StructType` in Spark's JSON form (what PySpark's
//! `StructType.fromJson` and Scala's `DataType.fromJson` read). Reading JSON Lines with a
//! fixed schema (`spark.read.schema(…).json(…)`, `from_json`) gives every batch the same
//! columns, so parquet files of any number of batches read back together; letting Spark
//! infer the schema per batch does not.
//!
//! # Mapping
//! | JSON Schema | Spark |
//! |---|---|
//! | `string`, a `oneOf` of string constants (an enum) | `string` |
//! | `integer` | `long` |
//! | `number` | `double` |
//! | `boolean` | `boolean` |
//! | `array` of X (a span is an array of two integers) | `array` of X |
//! | `object` with `properties` | `struct`, fields sorted by name |
//! | `X` or `null` (`anyOf`, `type: [X, "null"]`) | X |
//! | a type inside itself (each of a section's `children`) | `string`: the JSON text of the value |
//! | anything else | `string`: the JSON text of the value |
//!
//! Spark's JSON reader keeps an object or array read into a `string` field as its JSON
//! text, so nothing is lost where the schema stops. Every field is nullable: a line is a
//! document or an error record (`{"line"?: N, "source": …, "error": {"code", "message"}}`),
//! and the top level also has that record's `error` and `line` fields, null for a document.

use serde_json::{json, Map, Value};

/// The Spark `StructType` (JSON form) of one output line: every field of a document, and
/// `error` (`code`, `message`) and `line` (records mode) of an error record.
///
/// ```
/// let schema = zhengce::spark_schema();
/// assert_eq!(schema["type"], "struct");
/// let names: Vec<&str> = schema["fields"]
///     .as_array()
///     .unwrap()
///     .iter()
///     .filter_map(|f| f["name"].as_str())
///     .collect();
/// assert!(names.contains(&"doc_number") && names.contains(&"error"));
/// ```
pub fn spark_schema() -> Value {
    let schema = crate::schema();
    let defs = schema.get("$defs").and_then(Value::as_object);
    let mut walker = Walker {
        defs,
        stack: Vec::new(),
    };
    let mut fields = match walker.data_type(&schema) {
        Value::Object(mut root) => match root.remove("fields") {
            Some(Value::Array(fields)) => fields,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    fields.push(field("error", error_type()));
    fields.push(field("line", Value::from("long")));
    sort_fields(&mut fields);
    struct_type(fields)
}

/// The `error` part of an error record (`crate::json::ErrorBody`).
fn error_type() -> Value {
    struct_type(vec![
        field("code", Value::from("string")),
        field("message", Value::from("string")),
    ])
}

/// Resolves `$ref`s against `$defs`, remembering the definitions being expanded.
struct Walker<'s> {
    defs: Option<&'s Map<String, Value>>,
    stack: Vec<&'s str>,
}

impl<'s> Walker<'s> {
    /// The Spark type of one JSON Schema node.
    fn data_type(&mut self, node: &'s Value) -> Value {
        let string = || Value::from("string");
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            return self.reference(reference);
        }
        if let Some(alternatives) = node.get("anyOf").and_then(Value::as_array) {
            return match non_null(alternatives).as_slice() {
                [only] => self.data_type(only),
                _ => string(),
            };
        }
        if let Some(alternatives) = node.get("oneOf").and_then(Value::as_array) {
            let all_strings = alternatives
                .iter()
                .all(|a| a.get("type").and_then(Value::as_str) == Some("string"));
            if all_strings {
                return string();
            }
            return match non_null(alternatives).as_slice() {
                [only] => self.data_type(only),
                _ => string(),
            };
        }
        match json_type(node) {
            Some("string") => string(),
            Some("integer") => Value::from("long"),
            Some("number") => Value::from("double"),
            Some("boolean") => Value::from("boolean"),
            Some("array") => match node.get("items") {
                Some(items) if items.is_object() => json!({
                    "type": "array",
                    "elementType": self.data_type(items),
                    "containsNull": true,
                }),
                _ => string(),
            },
            Some("object") => match node.get("properties").and_then(Value::as_object) {
                Some(properties) => {
                    let mut fields: Vec<Value> = properties
                        .iter()
                        .map(|(name, property)| field(name, self.data_type(property)))
                        .collect();
                    sort_fields(&mut fields);
                    struct_type(fields)
                }
                None => match node.get("additionalProperties") {
                    Some(values) if values.is_object() => json!({
                        "type": "map",
                        "keyType": "string",
                        "valueType": self.data_type(values),
                        "valueContainsNull": true,
                    }),
                    _ => string(),
                },
            },
            _ => string(),
        }
    }

    /// The type of a `#/$defs/NAME` reference; a definition met again inside itself is a
    /// JSON string, since a Spark type cannot contain itself.
    fn reference(&mut self, reference: &str) -> Value {
        let name = reference.strip_prefix("#/$defs/").unwrap_or(reference);
        let Some((name, node)) = self.defs.and_then(|defs| defs.get_key_value(name)) else {
            return Value::from("string");
        };
        if self.stack.contains(&name.as_str()) {
            return Value::from("string");
        }
        self.stack.push(name);
        let data_type = self.data_type(node);
        self.stack.pop();
        data_type
    }
}

/// The JSON type of a node, leaving out `null` from a list of types.
fn json_type(node: &Value) -> Option<&str> {
    match node.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => {
            let mut rest = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null");
            match (rest.next(), rest.next()) {
                (Some(t), None) => Some(t),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The alternatives that are not `{"type": "null"}`.
fn non_null(alternatives: &[Value]) -> Vec<&Value> {
    alternatives
        .iter()
        .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
        .collect()
}

fn field(name: &str, data_type: Value) -> Value {
    json!({"name": name, "type": data_type, "nullable": true, "metadata": {}})
}

fn struct_type(fields: Vec<Value>) -> Value {
    json!({"type": "struct", "fields": fields})
}

fn sort_fields(fields: &mut [Value]) {
    fields.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field `name` of a struct type.
    fn get<'v>(struct_type: &'v Value, name: &str) -> &'v Value {
        struct_type["fields"]
            .as_array()
            .and_then(|fields| fields.iter().find(|f| f["name"] == name))
            .map(|f| &f["type"])
            .unwrap_or(&Value::Null)
    }

    #[test]
    fn document_fields_map_to_spark_types() {
        let schema = spark_schema();
        assert_eq!(get(&schema, "schema_version"), "long", "integers are long");
        assert_eq!(get(&schema, "kind"), "string", "an enum is a string");
        let number = get(&schema, "doc_number");
        assert_eq!(
            get(number, "year"),
            "long",
            "an optional struct is its struct"
        );
        assert_eq!(get(number, "repaired"), "boolean");
        assert_eq!(
            get(number, "span"),
            &json!({"type": "array", "elementType": "long", "containsNull": true}),
            "a span is an array of two longs"
        );
        let quantity = &get(&schema, "quantities")["elementType"];
        assert_eq!(
            get(quantity, "value"),
            "double",
            "a decimal is a JSON number"
        );
        assert_eq!(
            get(quantity, "value_max"),
            "double",
            "an optional number too"
        );
        assert_eq!(
            get(quantity, "deadline"),
            "string",
            "a nullable string is a string"
        );
        assert_eq!(
            get(&get(&schema, "dates")["fields"][0]["type"], "value"),
            "string",
            "nested structs are expanded"
        );
    }

    #[test]
    fn a_type_inside_itself_is_json_text() {
        let schema = spark_schema();
        let section = &get(&schema, "sections")["elementType"];
        assert_eq!(get(section, "path"), "string");
        assert_eq!(
            get(section, "children"),
            &json!({"type": "array", "elementType": "string", "containsNull": true}),
            "a section's children are kept, each as its JSON text"
        );
    }

    #[test]
    fn error_records_have_their_field_and_every_field_is_nullable() {
        let schema = spark_schema();
        let error = get(&schema, "error");
        assert_eq!(get(error, "code"), "string");
        assert_eq!(get(error, "message"), "string");
        fn check(data_type: &Value) {
            if let Some(fields) = data_type["fields"].as_array() {
                for f in fields {
                    assert_eq!(f["nullable"], true, "{} should be nullable", f["name"]);
                    check(&f["type"]);
                }
            }
            if data_type["type"] == "array" {
                check(&data_type["elementType"]);
            }
        }
        check(&schema);
    }

    #[test]
    fn every_document_field_is_a_column_in_name_order() {
        let schema = spark_schema();
        let names: Vec<&str> = schema["fields"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["name"].as_str()).collect())
            .unwrap_or_default();
        let mut expected: Vec<String> = crate::schema()["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        expected.push("error".into());
        expected.push("line".into());
        expected.sort();
        assert_eq!(names, expected, "one column per document field, plus error");
    }

    #[test]
    fn unknown_constructs_fall_back_to_json_text() {
        let mut walker = Walker {
            defs: None,
            stack: Vec::new(),
        };
        let nodes = [
            json!({"$ref": "#/$defs/Missing"}),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            json!({"type": ["string", "integer"]}),
            json!({"type": "object"}),
            json!({}),
        ];
        for node in &nodes {
            assert_eq!(
                walker.data_type(node),
                "string",
                "{node} should be a string"
            );
        }
        let map = json!({"type": "object", "additionalProperties": {"type": "integer"}});
        assert_eq!(
            walker.data_type(&map),
            json!({"type": "map", "keyType": "string", "valueType": "long", "valueContainsNull": true}),
            "an object of free keys is a map"
        );
    }
}
