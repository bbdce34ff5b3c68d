//! The web page checks structure with `schema::subset`, the CLI with the `jsonschema` crate: they
//! must report the same violations, or the page and the CLI would disagree about a spec.

use std::path::Path;

use akplan_core::Format;
use akplan_core::schema::violation::Violation;
use akplan_core::schema::{self, full, spec_schema, subset_checker};
use akplan_core::{Document, EXAMPLES};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

/// A violation as something comparable: the schema node by identity, not by content.
fn signature(v: &Violation<'_, '_>) -> (String, String, String, usize) {
    (
        v.path.to_string(),
        format!("{:?}", v.kind),
        v.instance.to_string(),
        std::ptr::from_ref(v.node) as usize,
    )
}

fn assert_agree(instance: &Value) {
    let schema = spec_schema();
    let mut crate_says: Vec<_> = full::violations(schema, instance)
        .expect("the schema compiles")
        .iter()
        .map(signature)
        .collect();
    let mut subset_says: Vec<_> = subset_checker()
        .expect("the schema is inside the subset")
        .violations(instance)
        .iter()
        .map(signature)
        .collect();
    crate_says.sort();
    subset_says.sort();
    assert_eq!(crate_says, subset_says, "on {instance}");
}

fn json_of(text: &str, format: Format) -> Option<Value> {
    Document::parse(text, format)
        .ok()
        .map(|(doc, _)| doc.to_json())
}

fn seeds() -> Vec<Value> {
    let mut out: Vec<Value> = EXAMPLES
        .iter()
        .filter_map(|(_, text)| json_of(text, Format::Yaml))
        .collect();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut files: Vec<_> = std::fs::read_dir(fixtures)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("fixture");
        let format = if file.extension().is_some_and(|e| e == "json") {
            Format::Json
        } else {
            Format::Yaml
        };
        out.extend(json_of(&text, format));
    }
    out
}

#[test]
fn they_agree_on_every_example_and_rule_fixture() {
    let seeds = seeds();
    assert!(seeds.len() > 100, "{}", seeds.len());
    for seed in &seeds {
        assert_agree(seed);
    }
}

#[test]
fn they_word_a_typical_mistake_the_same() {
    let spec = json!({
        "version": 1, "app": "a b", "region": "mars-1",
        "services": {"api": {"image": "x:1", "cpu": -1, "memory": "lots", "arch": "arm",
                             "prot": 80, "capacity": {"spot_percent": 1.5}}}
    });
    let with_crate = schema::findings(full::violations(spec_schema(), &spec).expect("compiles"));
    let with_subset = schema::findings(subset_checker().expect("subset").violations(&spec));
    assert_eq!(with_crate, with_subset);
    assert!(with_crate.len() >= 5, "{with_crate:#?}");
}

thread_local! {
    /// Values on the schema's edges: wrong types, limits, patterns, enum near-misses.
    static EDGES: Vec<Value> = vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(6),
        json!(7),
        json!(100),
        json!(101),
        json!(1.0),
        json!(1.5),
        json!(-0.5),
        json!(1e20),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("x"),
        json!("us-east-1"),
        json!("us-gov-west-1"),
        json!("arm64"),
        json!("ARM64"),
        json!("x86_64"),
        json!("windows"),
        json!("123456789012"),
        json!("1234567890123"),
        json!("1 vCPU"),
        json!("LATEST"),
        json!("1.4.0"),
        json!("näme"),
        json!([]),
        json!(["a"]),
        json!([1, 2]),
        json!(["a", "b", "c", "d", "e", "f"]),
        json!(["a", "b", "c", "d", "e", "f", "g"]),
        json!({}),
        json!({"x": 1}),
        json!({"image": "nginx:1", "cpu": 256, "memory": 512}),
    ];
}

/// An edge value, a random integer or a random short string.
fn awkward() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(EDGES.with(Clone::clone)),
        (-2000i64..70_000).prop_map(|n| json!(n)),
        "[a-zA-Z0-9 _.-]{0,12}".prop_map(Value::String),
    ]
}

/// Keys to add: real field names (in the wrong place, often) and near-misses.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "cpu",
            "memory",
            "image",
            "port",
            "arch",
            "capacity",
            "min",
            "max",
            "secrets",
            "environment",
            "deployment",
            "prot",
            "memroy",
            "1bad",
            "good_name",
            "",
        ])
        .prop_map(str::to_owned),
        "[a-z_-]{1,10}",
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(Index, Value),
    Insert(Index, String, Value),
    Remove(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), awkward()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        2 => (any::<Index>(), key(), awkward()).prop_map(|(at, k, v)| Mutation::Insert(at, k, v)),
        1 => any::<Index>().prop_map(Mutation::Remove),
    ]
}

/// JSON pointers of every value in `value`, root included.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let token = k.replace('~', "~0").replace('/', "~1");
                pointers(v, &format!("{at}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(value, "", &mut all);
    match mutation {
        Mutation::Replace(at, new) => {
            if let Some(slot) = value.pointer_mut(&all[at.index(all.len())]) {
                *slot = new.clone();
            }
        }
        Mutation::Insert(at, key, new) => {
            let objects: Vec<&String> = all
                .iter()
                .filter(|p| value.pointer(p).is_some_and(Value::is_object))
                .collect();
            if objects.is_empty() {
                return;
            }
            let target = objects[at.index(objects.len())].clone();
            if let Some(Value::Object(map)) = value.pointer_mut(&target) {
                map.insert(key.clone(), new.clone());
            }
        }
        Mutation::Remove(at) => {
            let target = &all[at.index(all.len())];
            if let Some((parent, last)) = target.rsplit_once('/')
                && let Some(Value::Object(map)) = value.pointer_mut(parent)
            {
                map.shift_remove(&last.replace("~1", "/").replace("~0", "~"));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn they_agree_on_mutated_specs(
        seed in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let seeds = seeds();
        let mut value = seeds[seed.index(seeds.len())].clone();
        for m in &mutations {
            apply(&mut value, m);
        }
        assert_agree(&value);
    }
}

/// A tiny deterministic generator driven by a proptest seed: enough to walk the schema.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// A value shaped by the schema node, often right and sometimes just off: limits ±1, a near
/// pattern, a wrong type, an unknown field, a missing required one.
fn shaped(node: &Value, dice: &mut Dice, depth: usize) -> Value {
    let root = spec_schema();
    let strings = [
        "",
        "x",
        "api",
        "a b",
        "1bad",
        "us-east-1",
        "us-gov-west-1",
        "mars-1",
        "arm64",
        "arm",
        "x86_64",
        "linux",
        "windows",
        "123456789012",
        "12345678901",
        "LATEST",
        "1.4.0",
        "1.4",
        "1 vCPU",
        "512 MiB",
        "nginx:1",
        "näme",
        "rolling",
        "blue_green",
    ];
    if depth > 10 || dice.chance(4) {
        return dice.pick(&EDGES.with(Clone::clone));
    }
    let Some(map) = node.as_object() else {
        return Value::Null;
    };
    if let Some(target) = map
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| root.pointer(r.trim_start_matches('#')))
    {
        return shaped(target, dice, depth + 1);
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some(branches) = map.get(keyword).and_then(Value::as_array) {
            let branch = dice.pick(branches);
            return shaped(&branch, dice, depth + 1);
        }
    }
    if let Some(constant) = map.get("const") {
        return if dice.chance(80) {
            constant.clone()
        } else {
            json!(dice.pick(&strings))
        };
    }
    let types: Vec<&str> = match map.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec!["object"],
    };
    let limit = |k: &str| map.get(k).and_then(Value::as_i64);
    match dice.pick(&types) {
        "null" => Value::Null,
        "boolean" => json!(dice.chance(50)),
        "integer" | "number" => {
            let (low, high) = (
                limit("minimum").unwrap_or(0),
                limit("maximum").unwrap_or(70_000),
            );
            let options = [
                json!(low - 1),
                json!(low),
                json!(high),
                json!(high + 1),
                json!(low + i64::try_from(dice.below(100)).unwrap_or(0)),
                json!(1.5),
                json!(2.0),
            ];
            dice.pick(&options)
        }
        "string" => json!(dice.pick(&strings)),
        "array" => {
            let low = limit("minItems").unwrap_or(0);
            let high = limit("maxItems").unwrap_or(4);
            let len = dice.pick(&[low - 1, low, high, high + 1]).max(0);
            let items = map.get("items").cloned().unwrap_or(json!({}));
            (0..len).map(|_| shaped(&items, dice, depth + 1)).collect()
        }
        _ => {
            let mut object = serde_json::Map::new();
            let required: Vec<&str> = map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (name, sub) in map
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let keep = if required.contains(&name.as_str()) {
                    95
                } else {
                    40
                };
                if dice.chance(keep) {
                    object.insert(name.clone(), shaped(sub, dice, depth + 1));
                }
            }
            match map.get("additionalProperties") {
                Some(Value::Bool(false)) if dice.chance(10) => {
                    object.insert(dice.pick(&["prot", "memroy", "zzz"]).to_owned(), json!(1));
                }
                Some(extra @ Value::Object(_)) => {
                    for _ in 0..dice.below(3) {
                        let name = dice.pick(&["api", "worker", "1bad", "a b", "DB_URL", ""]);
                        object.insert(name.to_owned(), shaped(extra, dice, depth + 1));
                    }
                }
                _ => {}
            }
            Value::Object(object)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn they_agree_on_specs_shaped_by_the_schema(seed in 1u64..) {
        let value = shaped(spec_schema(), &mut Dice(seed), 0);
        assert_agree(&value);
    }
}
