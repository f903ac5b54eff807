//! The output contract, the JSON Schema and the Rust types agree.

use zhengce::Document;

/// The ```json example of SCHEMA.md.
fn schema_md_example() -> serde_json::Value {
    let md = include_str!("../../SCHEMA.md");
    let start = md.find("```json").expect("SCHEMA.md has a json example") + "```json".len();
    let len = md[start..].find("```").expect("the example is closed");
    serde_json::from_str(&md[start..start + len]).expect("the example is valid JSON")
}

#[test]
fn schema_md_example_validates_against_the_generated_schema() {
    let schema = zhengce::schema();
    let validator = jsonschema::validator_for(&schema).expect("the generated schema compiles");
    let example = schema_md_example();
    let errors: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SCHEMA.md's example should validate: {errors:#?}"
    );
}

#[test]
fn schema_md_example_deserializes_into_the_types() {
    let doc: Document = serde_json::from_value(schema_md_example())
        .expect("every field of the example is a field of Document");
    assert_eq!(doc.schema_version, zhengce::SCHEMA_VERSION);
    assert_eq!(doc.quantities[0].value.to_string(), "60");
}

#[test]
fn parsed_documents_validate_against_the_schema() {
    let schema = zhengce::schema();
    let validator = jsonschema::validator_for(&schema).expect("the generated schema compiles");
    for entry in std::fs::read_dir("fixtures/seeds").expect("fixtures/seeds exists") {
        let path = entry.expect("readable dir entry").path();
        let bytes = std::fs::read(&path).expect("readable fixture");
        let doc = zhengce::parse(&bytes).expect("a seed parses");
        let value = serde_json::to_value(&doc).expect("serializable");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} output should validate: {errors:#?}",
            path.display()
        );
        let back: Document = serde_json::from_value(value).expect("output reads back");
        assert_eq!(
            back,
            doc,
            "{} output should round-trip through JSON",
            path.display()
        );
    }
}
