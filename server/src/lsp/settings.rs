//! Configuration in the editor: the client's `agentls` settings (`workspace/configuration`,
//! `workspace/didChangeConfiguration`) as the base under every `agentls.toml`, and
//! configuration files reloaded when they change — dialects and exclusions re-applied to the
//! whole index, every open document analysed again, and each file's `invalid-config` problems
//! published on it.
//!
//! Settings use `agentls.toml`'s keys (`rules`, `overrides`, `files`, `knowledge`,
//! `consumers`); other keys of the section (the VS Code extension's own, such as
//! `server.path`) are not ours and are left alone. Globs in settings are relative to the first
//! workspace folder.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::{ConfigurationItem, MessageType, Registration, Uri};

use super::convert;
use super::state::State;
use crate::discover::{fill, walk};
use agentls_analysis::config::Config;

/// The settings section the server reads.
pub const SECTION: &str = "agentls";

/// Top-level keys of a configuration file that settings may carry too (`extend` names a file,
/// which has no meaning in settings).
const SETTING_KEYS: &[&str] = &["rules", "overrides", "files", "knowledge", "consumers"];

/// The configuration the settings object `value` describes (the `agentls` section), with a
/// message per problem. Parsed by the one configuration parser, through TOML.
pub fn from_settings(value: &Value, base: PathBuf) -> (Config, Vec<String>) {
    let Value::Object(all) = value else {
        return (Config { base, ..Config::default() }, Vec::new());
    };
    let ours: serde_json::Map<String, Value> = all
        .iter()
        .filter(|(k, v)| SETTING_KEYS.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), without_nulls(v)))
        .collect();
    match toml::to_string(&Value::Object(ours)) {
        Ok(text) => {
            let (config, problems) = Config::parse(&text, &base);
            (config, problems.into_iter().map(|p| p.message).collect())
        }
        Err(e) => (Config { base, ..Config::default() }, vec![format!("settings not read: {e}")]),
    }
}

/// `value` with every `null` member and item removed (TOML has no null; an unset setting).
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().filter(|v| !v.is_null()).map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Asks the client for the `agentls` settings (when it offers `workspace/configuration`) and
/// makes them the base configuration. Returns false when nothing was asked.
pub async fn fetch(state: &Arc<State>) -> bool {
    if !state.flags().configuration {
        return false;
    }
    let item = ConfigurationItem { scope_uri: None, section: Some(SECTION.into()) };
    match state.client.configuration(vec![item]).await {
        Ok(mut values) if !values.is_empty() => {
            apply(state, &values.swap_remove(0)).await;
            true
        }
        Ok(_) => false,
        Err(e) => {
            tracing::warn!("workspace/configuration: {e}");
            false
        }
    }
}

/// Makes `value` (the `agentls` section) the base configuration; its problems are shown once.
pub async fn apply(state: &Arc<State>, value: &Value) {
    let base = state.roots().into_iter().next().unwrap_or_default();
    let (config, problems) = from_settings(value, base);
    state.classifier.configs.set_base(config);
    if !problems.is_empty() {
        let message = format!("agentls settings: {}", problems.join("; "));
        tracing::warn!("{message}");
        state.client.show_message(MessageType::WARNING, message).await;
    }
}

/// Registers for `workspace/didChangeConfiguration` of the `agentls` section, for clients that
/// only send it when asked to.
pub async fn register(state: &Arc<State>) {
    if !state.flags().configuration_dynamic {
        return;
    }
    let registration = Registration {
        id: "agentls-configuration".into(),
        method: "workspace/didChangeConfiguration".into(),
        register_options: Some(serde_json::json!({ "section": SECTION })),
    };
    if let Err(e) = state.client.register_capability(vec![registration]).await {
        tracing::debug!("client refused didChangeConfiguration registration: {e}");
    }
}

/// `workspace/didChangeConfiguration`: the settings are asked for again (or taken from the
/// notification, for clients that cannot be asked), then everything is reloaded.
pub async fn changed(state: Arc<State>, settings: Value) {
    if !fetch(&state).await {
        let section = settings.get(SECTION).cloned().unwrap_or(Value::Null);
        apply(&state, &section).await;
    }
    reload(&state).await;
}

/// Something the configuration of every file may depend on changed (settings, or an
/// `agentls.toml`): forget loaded configurations and plugin manifests, bring the index in line
/// with the new dialects and exclusions, analyse every open document from scratch, publish the
/// configuration files' problems, and republish (or ask the client to pull again).
pub async fn reload(state: &Arc<State>) {
    let resynced = state.run("configuration reload".into(), resync).await;
    if let Err(e) = resynced {
        tracing::error!("configuration reload failed: {e:?}");
    }
    publish_problems(state).await;
    state.schedule_all();
}

/// Re-walks every folder under the current configuration: files it no longer names are
/// removed from the index, the others (re)summarised; open documents keep overriding theirs.
fn resync(state: &State) {
    let _serial = state.index_updates.lock();
    state.classifier.forget();
    state.docs.reset_all();
    let walked: Vec<_> = state.index_folders().iter().map(|f| walk(f, &state.classifier)).collect();
    let mut keep: HashSet<PathBuf> = walked.iter().flat_map(|w| w.files.iter().map(|f| f.path.clone())).collect();
    let open: Vec<PathBuf> =
        state.docs.uris().iter().filter_map(|u| u.to_file_path().map(std::borrow::Cow::into_owned)).collect();
    keep.extend(open.iter().cloned());
    for path in state.index.paths() {
        if !keep.contains(&path) {
            state.index.remove(&path);
        }
    }
    for mut w in walked {
        w.files.retain(|f| !open.contains(&f.path));
        fill(&state.index, w);
    }
}

/// Publishes each configuration file's problems on it (`invalid-config`), and clears those
/// published before on files that have none now.
pub async fn publish_problems(state: &Arc<State>) {
    let reports =
        state.run("configuration problems".into(), |st| crate::config::problem_reports(&st.classifier.configs)).await;
    let reports = reports.unwrap_or_default();
    let unit = state.unit();
    let mut now: Vec<(Uri, Vec<_>)> = Vec::new();
    for r in &reports {
        let Some(uri) = Uri::from_file_path(&r.path) else { continue };
        now.push((uri, r.diagnostics.iter().map(|d| convert::diagnostic(&r.snapshot, d, unit, false)).collect()));
    }
    let before = state.replace_config_uris(now.iter().filter(|(_, d)| !d.is_empty()).map(|(u, _)| u.clone()).collect());
    for uri in before.into_iter().filter(|u| !now.iter().any(|(n, d)| n == u && !d.is_empty())) {
        state.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
    for (uri, diagnostics) in now.into_iter().filter(|(_, d)| !d.is_empty()) {
        state.client.publish_diagnostics(uri, diagnostics, None).await;
    }
}
