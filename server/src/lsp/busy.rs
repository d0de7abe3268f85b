//! Saying when the server is busy: a round of a document's analysis worker (snapshot, index,
//! diagnostics, publish) that takes longer than [`THRESHOLD`] reports it, so a user is never
//! left guessing while a pathological file is analysed.
//!
//! - Clients that offer `window.workDoneProgress` get `window/workDoneProgress/create` (token
//!   `agentls/busy/<n>`), then `$/progress` `begin` (title "agentls: analysing", the file name
//!   as message) once the threshold passes, and `end` after the round's `publishDiagnostics`.
//! - Other clients get a `tracing` info line on stderr naming the file when the threshold
//!   passes, and one with the total time when the round is over.
//!
//! Rounds shorter than the threshold report nothing.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tower_lsp_server::ls_types::{NumberOrString, Uri};

use super::state::State;

/// How long a round may take before it is reported.
pub const THRESHOLD: Duration = Duration::from_millis(200);

/// Numbers the progress tokens of one server.
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// What a user sees of a document's path: its file name (the whole URI when it has none).
fn file_name(uri: &Uri) -> String {
    let path = uri.to_file_path();
    let name = path.as_deref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_else(|| uri.as_str().to_string())
}

/// Runs `round` (the work of one worker round on `uri`, publishing included) and reports it
/// when it takes longer than [`THRESHOLD`]: `begin` before the round's end, `end` after it.
/// The round never waits for the client: when the client has not answered
/// `window/workDoneProgress/create` by the end of the round, nothing is reported.
pub async fn report<F: Future>(state: &Arc<State>, uri: &Uri, round: F) -> F::Output {
    let started = Instant::now();
    let mut round = std::pin::pin!(round);
    tokio::select! {
        out = &mut round => return out,
        () = tokio::time::sleep(THRESHOLD) => {}
    }
    let name = file_name(uri);
    let created = if state.flags().work_done_progress {
        let token = NumberOrString::String(format!("agentls/busy/{}", NEXT_TOKEN.fetch_add(1, Ordering::Relaxed)));
        let mut create = std::pin::pin!(state.client.create_work_done_progress(token.clone()));
        tokio::select! {
            out = &mut round => return out,
            answer = &mut create => answer.map(|()| token).map_err(|e| tracing::debug!("workDoneProgress/create: {e}")).ok(),
        }
    } else {
        None
    };
    let Some(token) = created else {
        tracing::info!("analysing {name} takes more than {} ms", THRESHOLD.as_millis());
        let out = round.await;
        tracing::info!("analysed {name} in {} ms", started.elapsed().as_millis());
        return out;
    };
    let progress = state.client.progress(token, "agentls: analysing").with_message(name).begin().await;
    let out = round.await;
    progress.finish().await;
    out
}
