//! Work split in two halves, the second on its own thread where threads exist (not in
//! WebAssembly): the machines vsoko runs on have two cores or more. Order is kept: the result
//! is the first half's output followed by the second's.

/// Maps the two halves of `items` with `f`, the second half on another thread when there are at
/// least `min` items; a panic on that thread is carried on, never swallowed.
pub(crate) fn map_halves<T, R, F>(items: Vec<T>, min: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(Vec<T>) -> Vec<R> + Sync,
{
    #[cfg(not(target_family = "wasm"))]
    if items.len() >= min.max(2) {
        let mut items = items;
        let second = items.split_off(items.len() / 2);
        let (mut a, b) = std::thread::scope(|scope| {
            let b = scope.spawn(|| f(second));
            let a = f(items);
            (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        a.extend(b);
        return a;
    }
    #[cfg(target_family = "wasm")]
    let _ = min;
    f(items)
}

#[cfg(test)]
mod tests {
    use super::map_halves;

    #[test]
    fn keeps_order_on_both_paths() {
        let double = |v: Vec<u32>| v.into_iter().map(|x| x * 2).collect::<Vec<_>>();
        let items: Vec<u32> = (0..1001).collect();
        let expected: Vec<u32> = (0..1001).map(|x| x * 2).collect();
        assert_eq!(map_halves(items.clone(), 10, double), expected);
        assert_eq!(map_halves(items, 10_000, double), expected);
        assert!(map_halves(Vec::<u32>::new(), 0, double).is_empty());
    }
}
