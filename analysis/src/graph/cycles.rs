//! The shortest cycle through a node, by breadth-first search over a successor function: the
//! one search both the whole graph ([`super::Graph::cycles`]) and the per-file diagnostic use.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// The shortest cycle through `start` over `succ`, as `[start, n1, …, nk]` meaning
/// `start → n1 → … → nk → start`; `None` when no path leads back. Self-loops are ignored.
pub(crate) fn shortest_cycle<N: Clone + Eq + Hash>(start: &N, mut succ: impl FnMut(&N) -> Vec<N>) -> Option<Vec<N>> {
    // Each visited node → the node it was reached from (`None`: a successor of `start`).
    let mut parent: HashMap<N, Option<N>> = HashMap::new();
    let mut queue = VecDeque::new();
    for s in succ(start) {
        if s != *start && !parent.contains_key(&s) {
            parent.insert(s.clone(), None);
            queue.push_back(s);
        }
    }
    while let Some(n) = queue.pop_front() {
        let next = succ(&n);
        if next.contains(start) {
            let mut path = vec![n.clone()];
            let mut cur = n;
            while let Some(Some(p)) = parent.get(&cur) {
                path.push(p.clone());
                cur = p.clone();
            }
            path.push(start.clone());
            path.reverse();
            return Some(path);
        }
        for s in next {
            if s != *start && !parent.contains_key(&s) {
                parent.insert(s.clone(), Some(n.clone()));
                queue.push_back(s);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::shortest_cycle;

    fn graph(edges: &[(u32, u32)]) -> impl Fn(&u32) -> Vec<u32> + '_ {
        move |n| edges.iter().filter(|(a, _)| a == n).map(|(_, b)| *b).collect()
    }

    #[test]
    fn finds_the_shortest_cycle_and_ignores_self_loops() {
        let edges = [(1, 2), (2, 3), (3, 1), (2, 1), (4, 4), (4, 5)];
        assert_eq!(shortest_cycle(&1, graph(&edges)), Some(vec![1, 2]));
        assert_eq!(shortest_cycle(&3, graph(&edges)), Some(vec![3, 1, 2]));
        assert_eq!(shortest_cycle(&4, graph(&edges)), None, "a self-loop is no cycle here");
        assert_eq!(shortest_cycle(&5, graph(&edges)), None);
    }

    #[test]
    fn a_node_that_only_reaches_a_cycle_is_not_on_it() {
        let edges = [(1, 2), (2, 3), (3, 2)];
        assert_eq!(shortest_cycle(&1, graph(&edges)), None);
        assert_eq!(shortest_cycle(&2, graph(&edges)), Some(vec![2, 3]));
    }
}
