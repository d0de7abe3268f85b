//! The `security` rules (catalogue entries with `category = "security"`, default `warning`):
//! powers an agent file grants that deserve a second look in review. Each concern has its own
//! file:
//!
//! - `permission-bypass` (`security_permission.rs`): `permissionMode: bypassPermissions`;
//! - `download-piped-to-shell` (`security_download.rs`): `curl … | sh` in hooks, shell code
//!   blocks and `` !`cmd` `` lines;
//! - `shell-with-web-access`, `unrestricted-bash` (`security_tools.rs`): tool grants;
//! - `secret-in-file` (`security_secrets.rs`): credentials anywhere in the file.
//!
//! Every rule is linear in the size of the file: frontmatter values are walked once, the text
//! is read line by line (`security_lines.rs`) or by one regular-expression pass.

use super::{security_download, security_permission, security_secrets, security_tools, Ctx};
use crate::syntax::Frontmatter;
use crate::Diagnostic;

/// Runs the security rules; `fm` is the frontmatter, when the file has one (body findings do
/// not need it).
pub(super) fn check(ctx: &Ctx, fm: Option<&Frontmatter>, out: &mut Vec<Diagnostic>) {
    if let Some(fm) = fm {
        security_permission::check(ctx, fm, out);
        security_tools::check(ctx, fm, out);
    }
    security_download::check(ctx, fm, out);
    security_secrets::check(ctx, out);
}
