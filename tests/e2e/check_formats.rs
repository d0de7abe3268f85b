//! `agentls check` for CI systems: the `github`, `json` and `junit` formats as snapshots of a
//! fixture workspace (`tests/fixtures/check-formats/`), the SARIF log validated against the
//! SARIF 2.1.0 JSON schema, the GitHub Action's check script, and the pre-commit hook run by
//! pre-commit itself in a temporary git repository.
//!
//! The schema and pre-commit come from their registries on first use and are cached under
//! `target/e2e-cache/` (npm: `@microsoft/jest-sarif`, which ships the schema; the Python Package Index:
//! `pre-commit`, in a virtual environment).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use crate::support::repo;

/// The npm package that ships the SARIF 2.1.0 schema, and the schema's path inside it.
const SCHEMA_PACKAGE: &str = "@microsoft/jest-sarif@1.0.0-beta.0";
const SCHEMA_IN_PACKAGE: &str = "package/lib/schemas/sarif-2.1.0-rtm.5.json";
/// The pre-commit release the hook test runs.
const PRE_COMMIT: &str = "pre-commit==4.7.0";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_agentls")
}

/// `target/e2e-cache/<name>` (beside the binary's profile folder).
fn cache(name: &str) -> PathBuf {
    let target = Path::new(bin()).parent().and_then(Path::parent).expect("target folder");
    target.join("e2e-cache").join(name)
}

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(bin()).args(args).current_dir(cwd).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the fixture workspace in a temporary folder (so no configuration or ignore file
/// of this repository applies, and paths print the same everywhere).
fn fixture() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&repo().join("tests/fixtures/check-formats"), dir.path());
    dir
}

/// Runs `check --output-format FORMAT .` on the fixture: (stdout, exit status).
fn format(name: &str) -> (String, Option<i32>) {
    let ws = fixture();
    let o = run(&["check", "--output-format", name, "."], ws.path());
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    (text(&o.stdout), o.status.code())
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let (out, status) = format("github");
    assert_eq!(status, Some(1), "the fixture has errors");
    assert!(out
        .lines()
        .all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")));
    // `%` and `,` in the file name are escaped; columns count code points (🦀 is one).
    assert!(out.contains("file=prompts/50%25%2Cfix.prompt.md,line=2,"), "{out}");
    assert!(out.contains("line=4,col=11,endLine=4,endColumn=15,title=agentls unknown-tool::"), "{out}");
    insta::assert_snapshot!("github", out);
}

#[test]
fn json_format_keeps_its_array_shape() {
    let (out, _) = format("json");
    let v: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(v.iter().all(|d| d["range"]["start"]["line"].is_u64() && d["path"].is_string()));
    insta::assert_snapshot!("json", out);
}

#[test]
fn junit_format_is_well_formed_with_a_case_per_file() {
    let (out, _) = format("junit");
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let cases: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 5, "one per checked file");
    let prompt = cases.iter().find(|c| c.attribute("name") == Some("prompts/50%,fix.prompt.md")).unwrap();
    let failure = prompt.children().find(|n| n.has_tag_name("failure") && n.attribute("type") == Some("unknown-model"));
    assert_eq!(failure.and_then(|f| f.attribute("message")), Some("Unknown model `GPT <5> & \"co\"`"));
    let out_text: String =
        prompt.children().filter(|n| n.has_tag_name("system-out")).filter_map(|n| n.text()).collect();
    assert!(out_text.contains("information[deprecated-field]"), "information findings go to system-out: {out_text}");
    insta::assert_snapshot!("junit", out);
}

/// The SARIF 2.1.0 schema (from the npm package that ships it, cached).
fn sarif_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    static FETCH: Mutex<()> = Mutex::new(());
    SCHEMA.get_or_init(|| {
        let _one_at_a_time = FETCH.lock().unwrap();
        let dir = cache("sarif-schema");
        let file = dir.join(SCHEMA_IN_PACKAGE);
        if !file.is_file() {
            fetch_npm_package(SCHEMA_PACKAGE, &dir);
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // rtm.5's two `language` patterns (run, toolComponent) have a stray `]` that strict
        // regex checkers reject (this validator checks the schema against its meta-schema);
        // SARIF §3.14.14 means a language tag such as `en` or `en-US`. agentls writes neither.
        let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
        assert_eq!(text.matches(broken).count(), 2, "the schema changed: revisit this fix");
        let schema: Value = serde_json::from_str(&text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#)).unwrap();
        schema
    })
}

/// `npm pack` of `package` unpacked into `dir` (npm's cache kept under `target/` too).
fn fetch_npm_package(package: &str, dir: &Path) {
    let staging = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).unwrap();
    let o = Command::new("npm")
        .args(["pack", package, "--silent", "--pack-destination"])
        .arg(&staging)
        .env("npm_config_cache", cache("npm"))
        .output()
        .expect("npm (Node.js) is needed to fetch the SARIF schema");
    assert!(o.status.success(), "npm pack {package}: {}", text(&o.stderr));
    let tarball = staging.join(text(&o.stdout).trim());
    let o = Command::new("tar").arg("xzf").arg(&tarball).arg("-C").arg(&staging).output().unwrap();
    assert!(o.status.success(), "tar: {}", text(&o.stderr));
    let _ = std::fs::remove_dir_all(dir);
    std::fs::rename(&staging, dir).unwrap();
}

/// Asserts that `log` is valid SARIF 2.1.0.
fn assert_valid_sarif(log: &Value) {
    let validator = jsonschema::validator_for(sarif_schema()).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_and_describes_rules_results_and_locations() {
    let (out, status) = format("sarif");
    assert_eq!(status, Some(1));
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&log);
    let validator = jsonschema::validator_for(sarif_schema()).unwrap();
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken), "the validator does reject an invalid log");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "agentls");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), agentls_analysis::codes().len(), "every code is a rule");
    for r in rules {
        assert!(r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        assert!(r["help"]["markdown"].is_string() && r["defaultConfiguration"]["level"].is_string(), "{r}");
    }
    let results = run["results"].as_array().unwrap();
    let grpe = results.iter().find(|r| r["message"]["text"].as_str().unwrap().contains("`Grpe`")).unwrap();
    assert_eq!(grpe["level"], "warning");
    assert_eq!(rules[grpe["ruleIndex"].as_u64().unwrap() as usize]["id"], "unknown-tool");
    let location = &grpe["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"],
        serde_json::json!({"uri": ".claude/agents/reviewer.md", "uriBaseId": "SRCROOT"})
    );
    // `tools: 🦀, Grpe`: `Grpe` starts at code point 11 (UTF-16 would say 12).
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 4, "startColumn": 11, "endLine": 4, "endColumn": 15})
    );
    let levels: Vec<&str> = results.iter().map(|r| r["level"].as_str().unwrap()).collect();
    assert!(levels.contains(&"note"), "information and hints are notes: {levels:?}");
    let uris: Vec<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"prompts/50%25%2Cfix.prompt.md"), "{uris:?}");
}

/// The fingerprints of `check --output-format sarif` in `cwd`, by message.
fn fingerprints(cwd: &Path) -> std::collections::BTreeMap<String, String> {
    let o = run(&["check", "--output-format", "sarif", "."], cwd);
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let fp = r["partialFingerprints"]["agentls/v1"].as_str().unwrap().to_string();
            (r["message"]["text"].as_str().unwrap().to_string(), fp)
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_moving_the_line() {
    let ws = fixture();
    let before = fingerprints(ws.path());
    let path = ws.path().join(".claude/agents/reviewer.md");
    let moved = std::fs::read_to_string(&path)
        .unwrap()
        .replace("---\nname: -reviewer\n", "---\ncolor: blue\nname: -reviewer\n");
    std::fs::write(&path, moved).unwrap();
    let after = fingerprints(ws.path());
    assert_eq!(before, after, "every finding moved one line down; none changed identity");
}

#[test]
fn action_script_writes_a_valid_sarif_log_and_annotations() {
    let ws = fixture();
    let outputs = ws.path().join("github-output.txt");
    let o = Command::new("bash")
        .arg(repo().join("scripts/action-check.sh"))
        .current_dir(ws.path())
        .env("AGENTLS", bin())
        .env("AGENTLS_ARGS", ".claude  .github")
        .env("AGENTLS_SARIF_FILE", "agentls.sarif")
        .env("GITHUB_OUTPUT", &outputs)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "errors in the fixture: {}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("::error file=.claude/agents/reviewer.md,line=2,"), "annotations: {out}");
    assert!(
        out.contains("1 error, 5 warnings, 1 note, 2 hints in 2 files (4 files checked)"),
        "the log's summary: {out}"
    );
    assert!(!out.contains("prompts/"), "only the folders in `args`: {out}");
    let log: Value = serde_json::from_slice(&std::fs::read(ws.path().join("agentls.sarif")).unwrap()).unwrap();
    assert_valid_sarif(&log);
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "sarif-file=agentls.sarif\n");
    // action.yml runs this script with these variables.
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    for needle in
        ["scripts/action-check.sh", "AGENTLS_ARGS: ${{ inputs.args }}", "AGENTLS_SARIF_FILE: ${{ inputs.sarif-file }}"]
    {
        assert!(action.contains(needle), "action.yml lacks {needle}");
    }
}

/// pre-commit in a virtual environment under `target/e2e-cache/` (created on first use).
fn pre_commit() -> PathBuf {
    static SETUP: Mutex<()> = Mutex::new(());
    let _one_at_a_time = SETUP.lock().unwrap();
    let venv = cache("pre-commit-venv");
    let exe = venv.join("bin/pre-commit");
    let ready = Command::new(&exe).arg("--version").output().is_ok_and(|o| o.status.success());
    if !ready {
        let _ = std::fs::remove_dir_all(&venv);
        let o = Command::new("python3").arg("-m").arg("venv").arg(&venv).output().expect("python3 is needed");
        assert!(o.status.success(), "venv: {}", text(&o.stderr));
        let o = Command::new(venv.join("bin/pip")).args(["install", "--quiet", PRE_COMMIT]).output().unwrap();
        assert!(o.status.success(), "pip install {PRE_COMMIT}: {}", text(&o.stderr));
    }
    exe
}

fn git(args: &[&str], cwd: &Path) {
    let o = Command::new("git")
        .args(["-c", "user.name=agentls", "-c", "user.email=agentls@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
}

#[test]
fn pre_commit_hook_fails_on_a_broken_agent_and_passes_once_fixed() {
    let pre_commit = pre_commit();
    let tmp = tempfile::tempdir().unwrap();
    // The hook repository: this repository's .pre-commit-hooks.yaml, as pre-commit clones it.
    let hooks = tmp.path().join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::copy(repo().join(".pre-commit-hooks.yaml"), hooks.join(".pre-commit-hooks.yaml")).unwrap();
    git(&["init", "-q"], &hooks);
    git(&["add", "."], &hooks);
    git(&["commit", "-q", "-m", "hooks"], &hooks);
    let rev = text(&Command::new("git").args(["rev-parse", "HEAD"]).current_dir(&hooks).output().unwrap().stdout);
    // A project using it.
    let project = tmp.path().join("project");
    std::fs::create_dir_all(project.join(".claude/agents")).unwrap();
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: agentls-check\n",
        hooks.display(),
        rev.trim()
    );
    std::fs::write(project.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::write(project.join("README.md"), "# A project\n").unwrap();
    let agent = project.join(".claude/agents/reviewer.md");
    std::fs::write(&agent, "---\nname: -reviewer\ndescription: Reviews code\n---\n").unwrap();
    git(&["init", "-q"], &project);
    git(&["add", "."], &project);
    let path =
        format!("{}:{}", Path::new(bin()).parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let hook = |cwd: &Path| {
        Command::new(&pre_commit)
            .arg("run")
            .current_dir(cwd)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("home"))
            .output()
            .unwrap()
    };
    let o = hook(&project);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(out.contains("agentls check") && out.contains("Failed") && out.contains("invalid-name"), "{out}");
    std::fs::write(&agent, "---\nname: reviewer\ndescription: Reviews code\n---\n").unwrap();
    git(&["add", "."], &project);
    let o = hook(&project);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(out.contains("agentls check") && out.contains("Passed"), "{out}");
}
