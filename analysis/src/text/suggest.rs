//! Did-you-mean: the one ranking every suggestion uses (tools, fields, values, agent names,
//! MCP servers). Case-insensitive Jaro-Winkler similarity (the `strsim` crate); a name that
//! differs only in case ranks above everything.

/// How close `candidate` is to `word`: 2.0 for a case-only difference, else the Jaro-Winkler
/// similarity of the lowercased strings (0.0–1.0).
pub fn similarity(word: &str, candidate: &str) -> f64 {
    let (w, c) = (word.to_lowercase(), candidate.to_lowercase());
    if w == c {
        2.0
    } else {
        strsim::jaro_winkler(&w, &c)
    }
}

/// How similar a candidate must be to be offered as a typo's correction.
const TYPO: f64 = 0.85;

/// The candidate closest to `word` when it is close enough to be a typo (similarity ≥ 0.85);
/// ties go to the first candidate.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = similarity(word, c);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= TYPO).map(|(_, c)| c.to_string())
}

/// The candidates close enough to `word` to be a typo (as [`closest`]), the closest first, at
/// most `max`: the alternatives a quick fix offers.
pub fn close_matches<'a>(word: &str, candidates: impl Iterator<Item = &'a str>, max: usize) -> Vec<&'a str> {
    ranked(word, candidates).into_iter().filter(|c| similarity(word, c) >= TYPO).take(max).collect()
}

/// Every candidate, the closest to `word` first (ties by name).
pub fn ranked<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates.map(|c| (similarity(word, c), c)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_case() {
        assert_eq!(closest("Grpe", ["Read", "Grep", "Glob"].into_iter()), Some("Grep".into()));
        assert_eq!(closest("read", ["Read", "Reed"].into_iter()), Some("Read".into()));
        assert_eq!(closest("Docker", ["Read", "Grep"].into_iter()), None);
        assert_eq!(ranked("revewer", ["planner", "reviewer", "tester"].into_iter())[0], "reviewer");
    }
}
