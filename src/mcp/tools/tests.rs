use super::*;

/// Every JSON Schema keyword an input schema may use here: what an agent's validator is
/// sure to know (draft 2020-12).
const KEYWORDS: &[&str] = &[
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "anyOf",
    "oneOf",
    "enum",
    "const",
    "default",
    "format",
    "minimum",
    "maximum",
    "items",
];

fn keywords_used(v: &Value, out: &mut Vec<String>) {
    if let Value::Object(map) = v {
        for (k, child) in map {
            out.push(k.clone());
            match k.as_str() {
                // Property names and definitions are names, not keywords.
                "properties" | "$defs" => {
                    if let Value::Object(inner) = child {
                        inner.values().for_each(|s| keywords_used(s, out));
                    }
                }
                _ => keywords_used(child, out),
            }
        }
    } else if let Value::Array(items) = v {
        items.iter().for_each(|i| keywords_used(i, out));
    }
}

/// The strings a schema allows through `enum` and `const`, however nested in `oneOf`.
fn allowed_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                match (k.as_str(), child) {
                    ("enum", Value::Array(items)) => {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                    }
                    ("const", Value::String(s)) => out.push(s.clone()),
                    _ => allowed_strings(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| allowed_strings(i, out)),
        _ => {}
    }
}

#[test]
fn every_tool_has_an_object_schema_that_refuses_unknown_arguments() {
    let tools = all();
    assert_eq!(tools.len(), 9);
    for tool in &tools {
        let schema = Value::Object((*tool.input_schema).clone());
        assert_eq!(schema["type"], "object", "{}", tool.name);
        assert_eq!(
            schema["additionalProperties"], false,
            "{}: a misspelt argument must be refused, not ignored",
            tool.name
        );
        let mut used = Vec::new();
        keywords_used(&schema, &mut used);
        for k in used {
            assert!(KEYWORDS.contains(&k.as_str()), "{}: keyword {k}", tool.name);
        }
        assert!(tool.description.as_deref().is_some_and(|d| d.len() > 80));
        assert!(tool.output_schema.is_some());
    }
}

#[test]
fn the_schemas_say_what_is_required_and_what_is_allowed() {
    let by_name = |name: &str| -> Value {
        let tool = all().into_iter().find(|t| t.name == name).unwrap();
        Value::Object((*tool.input_schema).clone())
    };
    assert_eq!(by_name("vet")["required"], json!(["keyword"]));
    assert_eq!(by_name("certificates")["required"], json!(["company"]));
    assert_eq!(by_name("certificate_detail")["required"], json!(["id"]));
    assert_eq!(by_name("order_report")["required"], json!(["company"]));
    assert_eq!(by_name("report_status")["required"], json!(["order_no"]));
    assert!(by_name("reports").get("required").is_none());
    let order = by_name("order_report");
    let formats = &order["$defs"]["ReportFormat"]["enum"];
    assert_eq!(formats, &json!(["pdf", "word"]), "{order}");
    let vet = by_name("vet");
    let mut providers = Vec::new();
    allowed_strings(&vet["$defs"]["ProviderChoice"], &mut providers);
    assert_eq!(providers, ["qcc", "juhe", "both"], "{vet}");
    assert_eq!(vet["properties"]["today"]["format"], "date");
    assert_eq!(
        by_name("certificates")["properties"]["page_size"]["maximum"],
        20
    );
    // Descriptions are one line each.
    assert!(!vet.to_string().contains("\\n"), "{vet}");
    // refresh only where the CLI has --refresh: never on the ledgers or an order.
    for name in ["order_report", "report_status", "reports", "spend"] {
        assert!(
            by_name(name)["properties"].get("refresh").is_none(),
            "{name}"
        );
    }
}

#[test]
fn a_result_fits_the_output_schema_and_an_order_is_not_read_only() {
    let schema = output_schema();
    assert_eq!(
        schema["required"],
        json!(["schema_version", "command", "ok", "data"])
    );
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        SCHEMA_VERSION
    );
    for tool in all() {
        let annotations = tool.annotations.unwrap();
        let orders = tool.name == "order_report";
        assert_eq!(annotations.read_only_hint, Some(!orders), "{}", tool.name);
    }
}
