//! `secret-in-file`: a credential written into an agent file — in the frontmatter (an MCP
//! server's `env` or `headers`, a hook command) or in the body. Agent files are committed and
//! shared, and their text goes into the model's context, so a key in one is a key anyone who
//! can read the repository can use.
//!
//! Two kinds, one regular-expression pass each over the lines the body scan looks at (the whole
//! text when a file is read, the edited lines on a keystroke; matches never cross a line):
//! - tokens of a known format (`catalogues/secrets.toml`: `ghp_…`, `AKIA…`, `sk-ant-…`);
//! - long random values assigned to keys named like secrets (`api_key: …`, `TOKEN=…`,
//!   `Authorization: Bearer …`).
//!
//! Noise stays out: values that are references (`${VAR}`, `$VAR`, `${{ secrets.X }}`,
//! `{env:X}`, `process.env.X`, `COPILOT_MCP_KEY`), placeholders (`xxxx`, `1234`, `your…`,
//! `EXAMPLE`, `<…>`), shortened documentation keys (`sk_live_abc123xyz789`: formats have
//! their issuers' lengths), names (`my-staging-token-2`) and values that do not vary enough to
//! be random. Messages show the token's prefix and length, never the token.

use std::sync::OnceLock;

use regex::Regex;

use crate::index::ItemKind;
use crate::knowledge::security::secret_formats;
use crate::text::TextRange;
use crate::Diagnostic;

const CODE: &str = "secret-in-file";

/// Fewest characters of a value assigned to a secret-named key that can be reported.
const MIN_ASSIGNED_LEN: usize = 20;
/// Least Shannon entropy (bits per character) of such a value: random base-62 or hex text of
/// 20 or more characters has about 3.7–4.3; names and sentences less.
const MIN_ASSIGNED_ENTROPY: f64 = 3.5;
/// Least entropy of the part after a known prefix (an AWS key's 16 characters: about 3.5).
const MIN_PREFIXED_ENTROPY: f64 = 3.0;

/// Substrings (lowercase) that mark a value as a stand-in for a secret.
const PLACEHOLDERS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "fake",
    "placeholder",
    "redacted",
    "your",
    "xxxx",
    "changeme",
    "change_me",
    "insert",
    "replace",
    "secret",
    "token",
];

fn assignment() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)([A-Za-z0-9_.-]*(?:api[_.-]?key|apikey|secret|token|passw(?:or)?d|pwd|access[_.-]?key|private[_.-]?key|auth[_.-]?key|authorization|credential)[A-Za-z0-9_.-]*)",
            r#"["']?[ \t]*(?::=|=>|:|=)[ \t]*["'`]?(?:(?:bearer|token|basic)[ \t]+)?([A-Za-z0-9+/_.~=-]{20,})"#,
        ))
        .unwrap()
    })
}

/// The findings of `region` (whole lines of a document, starting at byte `base`): matches never
/// cross a line, except that a private-key header looks at the line after it — so the body
/// scan ([`crate::index::BodyScan`]) runs this on the lines an edit touched, with a line of
/// margin, and keeps the others' findings. Ranges are document byte offsets.
pub(crate) fn scan(region: &str, base: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut taken = prefixed(region, &mut out);
    taken.sort_unstable_by_key(|r| r.start);
    assigned(region, &taken, &mut out);
    for d in &mut out {
        d.range = TextRange::new(base + d.range.start, base + d.range.end);
    }
    out
}

/// The credentials of the document, from its body scan: O(findings) per keystroke.
pub(super) fn check(ctx: &super::Ctx, out: &mut Vec<Diagnostic>) {
    for i in ctx.snap.scan.items().iter().filter(|i| i.kind == ItemKind::Secret) {
        out.push(Diagnostic::new(CODE, i.range(), &*i.target));
    }
}

/// Tokens of a known format; returns their ranges.
fn prefixed(text: &str, out: &mut Vec<Diagnostic>) -> Vec<TextRange> {
    let formats = secret_formats();
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for c in formats.any.captures_iter(text) {
        let Some((i, m)) = c.iter().skip(1).enumerate().find_map(|(i, g)| g.map(|g| (i, g))) else { continue };
        let format = &formats.formats[i];
        let glued_before =
            m.start() > 0 && (bytes[m.start() - 1].is_ascii_alphanumeric() || bytes[m.start() - 1] == b'_');
        let glued_after = bytes.get(m.end()).is_some_and(u8::is_ascii_alphanumeric);
        if glued_before || glued_after {
            continue;
        }
        let real = if format.block {
            key_material_follows(&text[m.end()..])
        } else {
            looks_random(&m.as_str()[format.prefix.len().min(m.len())..], MIN_PREFIXED_ENTROPY)
        };
        if !real {
            continue;
        }
        let range = TextRange::new(m.start(), m.end());
        let size = if format.block { String::new() } else { format!(" ({} characters)", m.len()) };
        let message = format!("`{}…`{size} is a credential ({} format): {ADVICE}", format.prefix, format.name);
        out.push(Diagnostic::new(CODE, range, message));
        found.push(range);
    }
    found
}

/// What every message says after naming the secret.
const ADVICE: &str = "anyone who can read this file — the repository, every clone, the model's context — can use it; revoke it, and pass it in from the environment or a secret store instead";

/// The line after a private-key header holds key material (40 or more base64 characters).
fn key_material_follows(after: &str) -> bool {
    let Some(nl) = after.find('\n') else { return false };
    let next = after[nl + 1..].lines().next().unwrap_or("").trim();
    // Not [`looks_random`]: real key material has runs (`AAAA` in every OpenSSH key).
    next.len() >= 40 && next.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)) && entropy(next) >= 3.5
}

/// Long random values assigned to secret-named keys, outside `taken` (sorted by start).
fn assigned(text: &str, taken: &[TextRange], out: &mut Vec<Diagnostic>) {
    for c in assignment().captures_iter(text) {
        let (key, value) = (c.get(1).expect("group 1"), c.get(2).expect("group 2"));
        let v = value.as_str().trim_end_matches(['.', '=']);
        // `taken` is sorted and its ranges do not overlap: the one before the value's end is
        // the only one that can reach into it.
        let before = taken.partition_point(|t| t.start < value.end());
        let overlaps = before > 0 && taken[before - 1].end > value.start();
        if overlaps || v.len() < MIN_ASSIGNED_LEN || is_reference_or_name(v) || !looks_random(v, MIN_ASSIGNED_ENTROPY) {
            continue;
        }
        let range = TextRange::new(value.start(), value.start() + v.len());
        let key: String = key.as_str().chars().take(40).collect();
        out.push(Diagnostic::new(
            CODE,
            range,
            format!("the {}-character value of `{key}` looks like a secret: {ADVICE}", v.chars().count()),
        ));
    }
}

/// A value that names something rather than being a secret: an identifier path
/// (`process.env.API_KEY`; also a JWT, whose parts look alike — documentation is full of
/// sample tokens and real ones expire), an environment-variable or secret name
/// (`COPILOT_MCP_KEY_2`), a path, a name made of words, numbers and short parts
/// (`secrets/prod/db-password-v2-2024`), or a value without both letters and digits.
fn is_reference_or_name(v: &str) -> bool {
    let digits = v.bytes().any(|b| b.is_ascii_digit());
    let letters = v.bytes().any(|b| b.is_ascii_alphabetic());
    let env_name = v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    let path = v.starts_with(['/', '~', '.']);
    let identifier = |s: &str| {
        s.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'$')
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
    };
    let dotted = v.contains('.') && v.split('.').all(identifier);
    let segments: Vec<&str> = v.split(['-', '_', '.', '/', '+', '~', '=']).filter(|s| !s.is_empty()).collect();
    let word =
        |s: &&str| s.len() <= 3 || s.bytes().all(|b| b.is_ascii_alphabetic()) || s.bytes().all(|b| b.is_ascii_digit());
    let words = segments.len() >= 3 && segments.iter().all(word);
    !digits || !letters || env_name || path || dotted || words
}

/// True when `s` is neither a placeholder (`xxxx`, `1234`, `EXAMPLE`, `your…`: four equal or
/// consecutive characters, or two runs of three consecutive ones as in `abc123xyz`) nor too
/// regular: its entropy is at least `min_entropy` bits per character.
pub(super) fn looks_random(s: &str, min_entropy: f64) -> bool {
    let lower = s.to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return false;
    }
    let b = lower.as_bytes();
    let step = |w: &[u8]| w.windows(2).all(|p| p[1] == p[0].wrapping_add(1));
    let repeated = b.windows(4).any(|w| w.iter().all(|c| *c == w[0]) || step(w));
    let runs_of_three = b.windows(3).filter(|w| step(w)).count();
    !repeated && runs_of_three < 2 && entropy(s) >= min_entropy
}

/// Shannon entropy of the bytes of `s`, in bits per byte.
fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts.iter().filter(|c| **c > 0).map(|c| *c as f64 / n).map(|p| -p * p.log2()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The covered text of every finding in `text`.
    fn found(text: &str) -> Vec<String> {
        let out = scan(text, 0);
        for d in &out {
            let covered = &text[d.range.start..d.range.end];
            assert!(covered.len() < 12 || !d.message.contains(covered), "the message shows the secret: {}", d.message);
        }
        out.iter().map(|d| text[d.range.start..d.range.end].to_string()).collect()
    }

    // Synthetic tokens in the issuers' formats (random characters, no real credential).
    const GHP: &str = "ghp_R8x2Lq7ZmN4vT1kW9cY3bH6dJ0fP5sGa2eUo";
    const AKIA: &str = "AKIAZ7Q2M4X9T1LPR6WB";

    #[test]
    fn known_formats_with_their_prefix_and_length_only() {
        let text = format!("---\nname: a\n---\nexport GITHUB_TOKEN={GHP}\naws_access_key_id = {AKIA}\n");
        assert_eq!(found(&text), [GHP, AKIA]);
        let out = scan(&text, 0);
        assert!(out[0]
            .message
            .starts_with("`ghp_…` (40 characters) is a credential (GitHub personal access token format)"));
    }

    #[test]
    fn assigned_random_values() {
        let text = "env:\n  OPIK_API_KEY: 9fK2xQ7mLp4Zt8Vb1Nw6Hs3Rj5Yc0Ude\nheaders:\n  Authorization: \"Bearer 7Gh2Kp9Qx4Lm8Zt1Vb6Nw3Rs5Yj0Cf\"\n";
        assert_eq!(found(text), ["9fK2xQ7mLp4Zt8Vb1Nw6Hs3Rj5Yc0Ude", "7Gh2Kp9Qx4Lm8Zt1Vb6Nw3Rs5Yj0Cf"]);
    }

    #[test]
    fn references_placeholders_and_examples_are_not_secrets() {
        for text in [
            "OPIK_API_KEY: COPILOT_MCP_OPIK_API_KEY",
            "OCTOPUS_API_KEY: ${{ secrets.OCTOPUS_API_KEY }}",
            "Authorization: 'Bearer $APIFY_TOKEN'",
            "'x-api-key': '${input:imaging-key}'",
            "apiKey: {env:OPENAI_API_KEY}",
            "const API_KEY = 'sk_live_abc123xyz789';",
            "const API_KEY = process.env.API_KEY_V2_PRODUCTION;",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "api_key: sk-1234567890abcdef1234567890abcdef",
            "OPENAI_API_KEY=sk-your-openai-api-key-goes-here-12345",
            "password: correct-horse-battery-staple-2024",
            "max_tokens: 40960000000000000000000",
            "the task-description-research-prompt-template file",
            "secret_path: /run/secrets/db_password_2024_primary",
            "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_private_key_needs_its_material() {
        let text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n";
        assert_eq!(found(text), ["-----BEGIN OPENSSH PRIVATE KEY-----"]);
    }
}
